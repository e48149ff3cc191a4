package rhix.node.recognition;

import java.util.List;
import java.util.Objects;

/**
 * How an exchange ended, as its terminal event said.
 *
 * @param state             COMPLETED, PARTIALLY_COMPLETED or FAILED (every provider answered), EXPIRED or DENIED
 * @param reason            why it was denied; empty otherwise
 * @param unansweredProviders providers still pending when it expired
 */
public record ExchangeEnd(State state, String reason, List<String> unansweredProviders) {

    public enum State { COMPLETED, PARTIALLY_COMPLETED, FAILED, EXPIRED, DENIED }

    public ExchangeEnd {
        Objects.requireNonNull(state, "state is null");
        reason = reason == null ? "" : reason;
        unansweredProviders = List.copyOf(unansweredProviders);
    }
}
