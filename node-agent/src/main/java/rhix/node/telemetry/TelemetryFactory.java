package rhix.node.telemetry;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import jakarta.inject.Singleton;
import java.util.Optional;
import rhix.node.NodeConfiguration;
import rhix.telemetry.RhixTelemetry;

/** The node's OpenTelemetry SDK; inject {@code OpenTelemetry} to use it. */
@Factory
public class TelemetryFactory {

    @Singleton
    @Bean(preDestroy = "close")
    public OpenTelemetrySdk openTelemetrySdk(TelemetryConfiguration telemetry, NodeConfiguration node) {
        return RhixTelemetry.create("rhix-node-agent", node.id(), Optional.ofNullable(telemetry.otlpEndpoint()),
                telemetry.metricInterval());
    }
}
