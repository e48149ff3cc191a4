package rhix.synthetic;

import java.util.Objects;
import java.util.Optional;
import rhix.identity.AdminDivisionCode;
import rhix.region.NodeId;
import rhix.region.NodeLevel;

/**
 * One platform node of the region (province, city or county), with its parent; the root has none.
 *
 * @param divisionName the division's own name (上城区), as addresses write it
 * @param displayName  the platform's name (上城区全民健康信息平台), as the node presents itself
 */
public record PlatformNode(NodeId id, NodeLevel level, AdminDivisionCode division, String divisionName, NodeId parent,
                           String displayName) {

    public PlatformNode {
        Objects.requireNonNull(id, "id is null");
        Objects.requireNonNull(level, "level is null");
        Objects.requireNonNull(division, "division is null");
        Objects.requireNonNull(divisionName, "divisionName is null");
        Objects.requireNonNull(displayName, "displayName is null");
        if (level == NodeLevel.HOSPITAL) {
            throw new IllegalArgumentException("hospitals are not platform nodes: " + id);
        }
        if ((parent == null) != (level == NodeLevel.PROVINCE)) {
            throw new IllegalArgumentException("exactly the province node has no parent: " + id);
        }
    }

    public Optional<NodeId> parentId() {
        return Optional.ofNullable(parent);
    }
}
