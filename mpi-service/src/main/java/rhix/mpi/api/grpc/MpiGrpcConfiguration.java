package rhix.mpi.api.grpc;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;

/**
 * {@code rhix.mpi.grpc.*}: the gRPC server nodes register identities with.
 *
 * @param port          port to listen on (default 9190; 0 picks a free one)
 * @param shutdownGrace how long calls in flight may finish when the MPI stops (default 5s)
 */
@ConfigurationProperties("rhix.mpi.grpc")
public record MpiGrpcConfiguration(@Min(0) @Max(65535) @Bindable(defaultValue = "9190") int port,
                                   @Bindable(defaultValue = "5s") Duration shutdownGrace) {
}
