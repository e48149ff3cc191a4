package rhix.node.grpc;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * {@code rhix.node.grpc.*}: the node's gRPC server, which carries all node-to-node traffic.
 *
 * @param port           port to listen on (default 9090; 0 picks a free one)
 * @param advertisedHost host other nodes reach this one at (default 127.0.0.1)
 */
@ConfigurationProperties("rhix.node.grpc")
public record GrpcConfiguration(@Min(0) @Max(65535) @Bindable(defaultValue = "9090") int port,
                                @Bindable(defaultValue = "127.0.0.1") String advertisedHost) {
}
