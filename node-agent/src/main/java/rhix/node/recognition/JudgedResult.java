package rhix.node.recognition;

import java.util.Objects;
import java.util.Optional;
import rhix.api.exchange.v1.OfferedResult;
import rhix.recognition.rules.ItemCode;
import rhix.recognition.rules.Verdict;

/**
 * One offered result with its verdict.
 *
 * @param item       the standard code it was judged under; empty when its local code maps to none
 * @param decisionId the RecognitionDecision recording the verdict
 * @param recorded   whether the decision is in the event store (false: the verdict stands, but recording failed)
 */
public record JudgedResult(OfferedResult offered, String sourceCode, Optional<ItemCode> item, Verdict verdict,
                           String decisionId, boolean recorded) {

    public JudgedResult {
        Objects.requireNonNull(offered, "offered is null");
        Objects.requireNonNull(item, "item is null");
        Objects.requireNonNull(verdict, "verdict is null");
    }
}
