package rhix.synthetic;

import java.util.Optional;
import rhix.identity.AdminDivisionCode;
import rhix.region.NodeId;
import rhix.region.NodeLevel;

/** One platform node of the region (province, city or county), with its parent; the root has none. */
public record PlatformNode(NodeId id, NodeLevel level, AdminDivisionCode division, NodeId parent, String displayName) {

    public Optional<NodeId> parentId() {
        return Optional.ofNullable(parent);
    }
}
