package rhix.events.axon;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;
import java.util.Objects;

/**
 * How a service runs its event store: {@code rhix.events.*}.
 *
 * @param readBatchSize        events read per query when an aggregate is loaded or a processor catches up (default 500)
 * @param processorBatchSize   events a tracking processor handles in one transaction, with its token (default 200)
 * @param gapTimeout           how long a gap in the global index is waited for (an insert still in flight) before it
 *                             is taken for a rolled-back sequence value (default 60 s)
 */
@ConfigurationProperties("rhix.events")
public record EventSourcingSettings(
        @Bindable(defaultValue = "500") int readBatchSize,
        @Bindable(defaultValue = "200") int processorBatchSize,
        @Bindable(defaultValue = "60s") Duration gapTimeout) {

    public EventSourcingSettings {
        if (readBatchSize < 1 || processorBatchSize < 1) {
            throw new IllegalArgumentException("rhix.events.read-batch-size and processor-batch-size must be at least 1, were "
                    + readBatchSize + " and " + processorBatchSize);
        }
        Objects.requireNonNull(gapTimeout, "rhix.events.gap-timeout is null");
        if (gapTimeout.isNegative() || gapTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("rhix.events.gap-timeout must be between 0 and 24 days, was " + gapTimeout);
        }
    }

    public static EventSourcingSettings defaults() {
        return new EventSourcingSettings(500, 200, Duration.ofSeconds(60));
    }
}
