package rhix.node.registry;

import java.util.List;
import rhix.region.NodeLevel;

/**
 * A registration as it arrives, before {@link NodeRegistry} checks it against the tree's rules;
 * hence plain strings where the checked {@link NodeDescription} has typed ids.
 *
 * @param level      null when the sender left it unspecified
 * @param relayedVia the nodes the registration passed through on its way up, nearest to the
 *                   registering node first; empty when the node registers with its own parent
 */
public record Registration(String nodeId, NodeLevel level, String divisionCode, String parentNodeId, String displayName,
                           String grpcTarget, String httpBaseUrl, List<String> relayedVia) {

    public Registration {
        relayedVia = List.copyOf(relayedVia);
    }

    public boolean isRelayed() {
        return !relayedVia.isEmpty();
    }
}
