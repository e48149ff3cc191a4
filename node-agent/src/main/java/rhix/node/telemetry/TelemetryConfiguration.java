package rhix.node.telemetry;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.net.URI;
import java.time.Duration;

/**
 * {@code rhix.telemetry.*}: where traces and metrics go.
 *
 * @param otlpEndpoint   OTLP/gRPC collector, e.g. {@code http://127.0.0.1:4317}; empty: to the log
 * @param metricInterval how often metrics are exported (default 60s)
 */
@ConfigurationProperties("rhix.telemetry")
public record TelemetryConfiguration(@Nullable URI otlpEndpoint,
                                     @Bindable(defaultValue = "60s") Duration metricInterval) {
}
