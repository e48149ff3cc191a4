package rhix.node.mpi;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * {@code rhix.node.mpi.*}: where this node registers its patients' identities. Whatever is configured,
 * every change to a patient is queued in the outbox ({@code mpi_registration}), so a node that runs
 * without an MPI for a while (or with it switched off) registers everything once it has one.
 *
 * @param enabled         false stops sending without forgetting the target (default true)
 * @param target          {@code host:port} of the MPI's gRPC server; empty: no MPI yet, nothing is sent
 * @param batchSize       most identities in one call (default 500)
 * @param deadline        deadline of every call to the MPI (default 5s)
 * @param retryMinBackoff first wait after the MPI did not answer; doubles on every further failure (default 1s)
 * @param retryMaxBackoff longest wait between attempts while the MPI does not answer (default 1m)
 * @param pollInterval    how often the outbox is looked at besides right after each write (default 30s):
 *                        catches what was queued before start-up or while a send was running
 */
@ConfigurationProperties("rhix.node.mpi")
public record MpiConfiguration(@Bindable(defaultValue = "true") boolean enabled,
                               @Nullable String target,
                               @Min(1) @Max(10_000) @Bindable(defaultValue = "500") int batchSize,
                               @NotNull @Bindable(defaultValue = "5s") Duration deadline,
                               @NotNull @Bindable(defaultValue = "1s") Duration retryMinBackoff,
                               @NotNull @Bindable(defaultValue = "1m") Duration retryMaxBackoff,
                               @NotNull @Bindable(defaultValue = "30s") Duration pollInterval) {

    public MpiConfiguration {
        requirePositive("deadline", deadline);
        requirePositive("retry-min-backoff", retryMinBackoff);
        requirePositive("retry-max-backoff", retryMaxBackoff);
        requirePositive("poll-interval", pollInterval);
        if (retryMaxBackoff.compareTo(retryMinBackoff) < 0) {
            throw new IllegalArgumentException("rhix.node.mpi.retry-max-backoff (" + retryMaxBackoff
                    + ") must not be shorter than rhix.node.mpi.retry-min-backoff (" + retryMinBackoff + ")");
        }
    }

    public boolean hasTarget() {
        return target != null && !target.isBlank();
    }

    /** Whether registrations are sent, and if not, why not. */
    public MpiRegistrationMode mode() {
        if (!hasTarget()) {
            return MpiRegistrationMode.NOT_CONFIGURED;
        }
        return enabled ? MpiRegistrationMode.ACTIVE : MpiRegistrationMode.DISABLED;
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException("rhix.node.mpi." + name + " must be positive: " + value);
        }
    }
}
