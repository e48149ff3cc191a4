package rhix.node.grpc;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * {@code rhix.node.grpc.*}: the node's gRPC server, which carries all node-to-node traffic.
 *
 * @param port           port to listen on (default 9090; 0 picks a free one, see {@link GrpcServer#port()})
 * @param advertisedHost host other nodes reach this one at; with the bound port it is the grpc target this
 *                       node registers with its parent (default 127.0.0.1)
 * @param shutdownGrace  how long calls in flight may finish when the node stops before they are cancelled (default 5s)
 */
@ConfigurationProperties("rhix.node.grpc")
public record GrpcConfiguration(@Min(0) @Max(65535) @Bindable(defaultValue = "9090") int port,
                                @NotBlank @Bindable(defaultValue = "127.0.0.1") String advertisedHost,
                                @NotNull @Bindable(defaultValue = "5s") Duration shutdownGrace) {

    public GrpcConfiguration {
        if (shutdownGrace != null && shutdownGrace.isNegative()) {
            throw new IllegalArgumentException("rhix.node.grpc.shutdown-grace must not be negative: " + shutdownGrace);
        }
    }
}
