package rhix.node.registry;

import java.time.Instant;
import java.util.Objects;

/**
 * A node as this node knows it: its description, when it first registered here, and its last
 * heartbeat by this node's clock ({@code null} until it first reports).
 */
public record RegisteredNode(NodeDescription description, Instant registeredAt, Instant lastHeartbeatAt,
                             long storedResourceCount) {

    public RegisteredNode {
        Objects.requireNonNull(description, "description is null");
        Objects.requireNonNull(registeredAt, "registeredAt is null");
    }
}
