package rhix.node.recognition;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code $recognizable-results} found: the exchange's verdicts and who did not deliver.
 *
 * @param exchangeId          empty when no exchange could be requested (the person has no enterprise identity)
 * @param end                 how the exchange ended; empty when it had not ended by the time the operation answered
 * @param failedProviders     failure reason by provider node
 * @param unansweredProviders providers that neither released nor failed in time
 * @param problems            anything else the caller should know (results that could not be judged, no exchange)
 */
public record RecognitionAnswer(Optional<String> exchangeId, Optional<ExchangeEnd> end, List<JudgedResult> judged,
                                Map<String, String> failedProviders, List<String> unansweredProviders, List<String> problems) {

    public RecognitionAnswer {
        judged = List.copyOf(judged);
        failedProviders = Map.copyOf(failedProviders);
        unansweredProviders = List.copyOf(unansweredProviders);
        problems = List.copyOf(problems);
    }

    static RecognitionAnswer noExchange(String why) {
        return new RecognitionAnswer(Optional.empty(), Optional.empty(), List.of(), Map.of(), List.of(), List.of(why));
    }
}
