package rhix.mpi.telemetry;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.opentelemetry.instrumentation.grpc.v1_6.GrpcTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import jakarta.inject.Singleton;
import java.util.Optional;
import rhix.telemetry.RhixTelemetry;

/** The MPI's OpenTelemetry SDK, and the gRPC instrumentation that reports to it. */
@Factory
public class MpiTelemetryFactory {

    @Singleton
    @Bean(preDestroy = "close")
    public OpenTelemetrySdk openTelemetrySdk(MpiTelemetryConfiguration telemetry) {
        return RhixTelemetry.create("rhix-mpi-service", "mpi", Optional.ofNullable(telemetry.otlpEndpoint()),
                telemetry.metricInterval());
    }

    @Singleton
    public GrpcTelemetry grpcTelemetry(OpenTelemetrySdk openTelemetry) {
        return GrpcTelemetry.create(openTelemetry);
    }
}
