package rhix.node.grpc;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.opentelemetry.instrumentation.grpc.v1_6.GrpcTelemetry;
import jakarta.inject.Singleton;

/**
 * Opens channels to other nodes. Every channel carries the OpenTelemetry client interceptor, so a
 * call continues the caller's trace into the node it reaches. Callers own the channel and close it.
 */
@Singleton
public class GrpcChannels {

    private final GrpcTelemetry telemetry;

    public GrpcChannels(GrpcTelemetry telemetry) {
        this.telemetry = telemetry;
    }

    /**
     * A channel to {@code target} ({@code host:port}). Plaintext: node-to-node traffic runs inside the
     * platform's private network until TLS between nodes is configured.
     */
    public ManagedChannel open(String target) {
        return NettyChannelBuilder.forTarget(target).usePlaintext()
                .intercept(telemetry.newClientInterceptor())
                .build();
    }
}
