package rhix.node.registry;

import java.time.Instant;
import rhix.identity.AdminDivisionCode;
import rhix.region.NodeId;
import rhix.region.NodeLevel;

/** A node below this one, as registered; {@code lastHeartbeatAt} is null until it first reports. */
public record RegisteredNode(NodeId nodeId, NodeLevel level, AdminDivisionCode division, NodeId parentId,
                             String displayName, String grpcTarget, String httpBaseUrl, Instant registeredAt,
                             Instant lastHeartbeatAt, long storedResourceCount) {

    public RegisteredNode withHeartbeat(Instant at, long resourceCount) {
        return new RegisteredNode(nodeId, level, division, parentId, displayName, grpcTarget, httpBaseUrl, registeredAt, at,
                resourceCount);
    }
}
