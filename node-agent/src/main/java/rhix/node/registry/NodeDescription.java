package rhix.node.registry;

import java.util.Objects;
import rhix.identity.AdminDivisionCode;
import rhix.region.NodeId;
import rhix.region.NodeLevel;

/**
 * Who a node is and where to reach it, as it describes itself when it registers.
 *
 * @param parentId    null only for the root
 * @param grpcTarget  host:port of its gRPC server; empty when it did not say
 * @param httpBaseUrl base URL of its HTTP API (ingestion, status); empty when it did not say
 */
public record NodeDescription(NodeId nodeId, NodeLevel level, AdminDivisionCode division, NodeId parentId,
                              String displayName, String grpcTarget, String httpBaseUrl) {

    public NodeDescription {
        Objects.requireNonNull(nodeId, "nodeId is null");
        Objects.requireNonNull(level, "level is null");
        Objects.requireNonNull(division, "division is null");
        displayName = displayName == null || displayName.isBlank() ? nodeId.value() : displayName;
        grpcTarget = grpcTarget == null ? "" : grpcTarget;
        httpBaseUrl = httpBaseUrl == null ? "" : httpBaseUrl;
    }
}
