package rhix.node.grpc;

import io.micronaut.context.annotation.Factory;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.grpc.v1_6.GrpcTelemetry;
import jakarta.inject.Singleton;

/** One gRPC instrumentation for the node's server and its channels, so both report to the node's SDK. */
@Factory
public class GrpcTelemetryFactory {

    @Singleton
    public GrpcTelemetry grpcTelemetry(OpenTelemetry openTelemetry) {
        return GrpcTelemetry.create(openTelemetry);
    }
}
