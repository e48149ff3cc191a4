package rhix.mpi.telemetry;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.net.URI;
import java.time.Duration;

/**
 * {@code rhix.mpi.telemetry.*}: where the MPI sends traces and metrics.
 *
 * @param otlpEndpoint   OTLP/gRPC collector; empty (the default) logs spans at DEBUG instead
 * @param metricInterval how often metrics are exported (default 60s)
 */
@ConfigurationProperties("rhix.mpi.telemetry")
public record MpiTelemetryConfiguration(@Nullable URI otlpEndpoint,
                                        @Bindable(defaultValue = "60s") Duration metricInterval) {
}
