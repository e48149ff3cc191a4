package rhix.node.exchange;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * {@code rhix.node.exchange.client.*}: how this node, as the requester in mutual recognition, calls provider nodes.
 *
 * @param callDeadline   deadline of each attempt of a call (default 2s)
 * @param maxRetries     attempts after the first when a provider answers UNAVAILABLE or DEADLINE_EXCEEDED
 *                       (default 2, so at most 3 attempts)
 * @param initialBackoff wait before the first retry; each further one waits twice as long (default 100ms)
 * @param maxBackoff     the longest wait between attempts (default 1s)
 */
@ConfigurationProperties("rhix.node.exchange.client")
public record ProviderClientConfiguration(@NotNull @Bindable(defaultValue = "2s") Duration callDeadline,
                                          @Min(0) @Max(10) @Bindable(defaultValue = "2") int maxRetries,
                                          @NotNull @Bindable(defaultValue = "100ms") Duration initialBackoff,
                                          @NotNull @Bindable(defaultValue = "1s") Duration maxBackoff) {

    public ProviderClientConfiguration {
        if (callDeadline != null && (callDeadline.isNegative() || callDeadline.isZero())) {
            throw new IllegalArgumentException("rhix.node.exchange.client.call-deadline must be positive: " + callDeadline);
        }
        if (initialBackoff != null && initialBackoff.isNegative()) {
            throw new IllegalArgumentException("rhix.node.exchange.client.initial-backoff must not be negative: " + initialBackoff);
        }
        if (maxBackoff != null && initialBackoff != null && maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("rhix.node.exchange.client.max-backoff (" + maxBackoff
                    + ") must not be shorter than rhix.node.exchange.client.initial-backoff (" + initialBackoff + ")");
        }
    }

    /** The wait before retry number {@code retry} (1 for the first): doubling from the initial backoff, capped. */
    public Duration backoffBefore(int retry) {
        Duration wait = initialBackoff;
        for (int i = 1; i < retry && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}
