package rhix.node.exchange;

import io.grpc.Status;
import java.util.List;
import java.util.Objects;
import rhix.api.exchange.v1.OfferedResult;

/** What one provider node answered a FetchResults call: its released results, or why it did not answer. */
public sealed interface ProviderAnswer {

    String nodeId();

    /**
     * The provider released these results (possibly none), newest first.
     *
     * @param truncated more matched than were released
     * @param attempts  calls it took, 1 when the first succeeded
     */
    record Released(String nodeId, List<OfferedResult> results, boolean truncated, int attempts) implements ProviderAnswer {
        public Released {
            Objects.requireNonNull(nodeId, "nodeId is null");
            results = List.copyOf(results);
        }
    }

    /**
     * The provider refused, or could not be reached within the attempts allowed.
     *
     * @param code     the gRPC status code of the last attempt
     * @param message  the provider's description, or the transport's
     * @param attempts calls made
     */
    record Failed(String nodeId, Status.Code code, String message, int attempts) implements ProviderAnswer {
        public Failed {
            Objects.requireNonNull(nodeId, "nodeId is null");
            Objects.requireNonNull(code, "code is null");
            message = message == null ? "" : message;
        }

        /** Worth asking again later: the provider was down or slow, not refusing. */
        public boolean retryable() {
            return ProviderClient.RETRIED.contains(code);
        }
    }
}
