package rhix.node.registry;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * {@code rhix.node.registry.*}: how nodes report to their parents and when they count as late.
 * The parent itself is named by {@code rhix.node.parent-id} and {@code rhix.node.parent-target}
 * ({@link rhix.node.NodeConfiguration}).
 *
 * @param heartbeatInterval      how often a node tells its parent it is alive (default 5s)
 * @param lateAfter              a node not heard from for this long is reported LATE (default 15s); must be
 *                               longer than the heartbeat interval, or healthy nodes would flap
 * @param callDeadline           deadline of every call to the parent: registrations, heartbeats, relays (default 3s)
 * @param maxRegistrationBackoff registering with a parent that does not answer is retried after
 *                               min(1s, heartbeat-interval), doubling up to this (default 1m)
 */
@ConfigurationProperties("rhix.node.registry")
public record RegistryConfiguration(@NotNull @Bindable(defaultValue = "5s") Duration heartbeatInterval,
                                    @NotNull @Bindable(defaultValue = "15s") Duration lateAfter,
                                    @NotNull @Bindable(defaultValue = "3s") Duration callDeadline,
                                    @NotNull @Bindable(defaultValue = "1m") Duration maxRegistrationBackoff) {

    private static final Duration LONGEST_FIRST_RETRY = Duration.ofSeconds(1);

    public RegistryConfiguration {
        requirePositive("heartbeat-interval", heartbeatInterval);
        requirePositive("late-after", lateAfter);
        requirePositive("call-deadline", callDeadline);
        requirePositive("max-registration-backoff", maxRegistrationBackoff);
        if (lateAfter.compareTo(heartbeatInterval) <= 0) {
            throw new IllegalArgumentException("rhix.node.registry.late-after (" + lateAfter
                    + ") must be longer than rhix.node.registry.heartbeat-interval (" + heartbeatInterval + ")");
        }
    }

    /** The wait before the first retry of a failed registration. */
    public Duration firstRegistrationRetry() {
        Duration first = heartbeatInterval.compareTo(LONGEST_FIRST_RETRY) < 0 ? heartbeatInterval : LONGEST_FIRST_RETRY;
        return first.compareTo(maxRegistrationBackoff) < 0 ? first : maxRegistrationBackoff;
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException("rhix.node.registry." + name + " must be positive: " + value);
        }
    }
}
