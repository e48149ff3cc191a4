package rhix.node.registry;

import com.google.protobuf.Timestamp;
import java.time.Instant;
import rhix.api.node.v1.NodeDescriptor;
import rhix.api.node.v1.NodeStatus;
import rhix.region.NodeLevel;

/** Between the {@code rhix.node.v1} messages and the registry's domain types. */
final class ProtoMapping {

    /** Null for an unspecified or unknown level, which the registry rejects by name. */
    static NodeLevel level(rhix.api.node.v1.NodeLevel level) {
        return switch (level) {
            case NODE_LEVEL_PROVINCE -> NodeLevel.PROVINCE;
            case NODE_LEVEL_CITY -> NodeLevel.CITY;
            case NODE_LEVEL_COUNTY -> NodeLevel.COUNTY;
            case NODE_LEVEL_HOSPITAL -> NodeLevel.HOSPITAL;
            case NODE_LEVEL_UNSPECIFIED, UNRECOGNIZED -> null;
        };
    }

    static rhix.api.node.v1.NodeLevel level(NodeLevel level) {
        return switch (level) {
            case PROVINCE -> rhix.api.node.v1.NodeLevel.NODE_LEVEL_PROVINCE;
            case CITY -> rhix.api.node.v1.NodeLevel.NODE_LEVEL_CITY;
            case COUNTY -> rhix.api.node.v1.NodeLevel.NODE_LEVEL_COUNTY;
            case HOSPITAL -> rhix.api.node.v1.NodeLevel.NODE_LEVEL_HOSPITAL;
        };
    }

    static rhix.api.node.v1.NodeLiveness liveness(NodeLiveness liveness) {
        return switch (liveness) {
            case ALIVE -> rhix.api.node.v1.NodeLiveness.NODE_LIVENESS_ALIVE;
            case LATE -> rhix.api.node.v1.NodeLiveness.NODE_LIVENESS_LATE;
            case UNKNOWN -> rhix.api.node.v1.NodeLiveness.NODE_LIVENESS_UNKNOWN;
        };
    }

    static Registration registration(rhix.api.node.v1.RegisterNodeRequest request) {
        NodeDescriptor node = request.getNode();
        return new Registration(node.getNodeId(), level(node.getLevel()), node.getDivisionCode(),
                emptyToNull(node.getParentNodeId()), emptyToNull(node.getDisplayName()), node.getGrpcTarget(),
                node.getHttpBaseUrl(), request.getRelayedViaNodeIdsList());
    }

    static NodeDescriptor descriptor(NodeDescription node) {
        return NodeDescriptor.newBuilder()
                .setNodeId(node.nodeId().value())
                .setLevel(level(node.level()))
                .setDivisionCode(node.division().value())
                .setParentNodeId(node.parentId() == null ? "" : node.parentId().value())
                .setDisplayName(node.displayName())
                .setGrpcTarget(node.grpcTarget())
                .setHttpBaseUrl(node.httpBaseUrl())
                .build();
    }

    static NodeStatus status(NodeTreeEntry entry) {
        RegisteredNode node = entry.node();
        NodeStatus.Builder status = NodeStatus.newBuilder()
                .setNode(descriptor(node.description()))
                .setLiveness(liveness(entry.liveness()))
                .setRegisteredAt(timestamp(node.registeredAt()))
                .setStoredResourceCount(node.storedResourceCount());
        if (node.lastHeartbeatAt() != null) {
            status.setLastHeartbeatAt(timestamp(node.lastHeartbeatAt()));
        }
        return status.build();
    }

    static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    private static String emptyToNull(String text) {
        return text.isEmpty() ? null : text;
    }

    private ProtoMapping() {
    }
}
