package rhix.node.registry;

import java.time.Instant;
import java.util.List;
import rhix.region.NodeId;

/**
 * The tree as one node sees it at {@code asOf}: itself, then every node below it that registered
 * (directly or relayed), ordered by (level, node id).
 */
public record NodeTree(Instant asOf, NodeTreeEntry self, List<NodeTreeEntry> descendants) {

    public NodeTree {
        descendants = List.copyOf(descendants);
    }

    /** The descendants not heard from within the late-after window. */
    public List<NodeId> late() {
        return descendants.stream().filter(entry -> entry.liveness() == NodeLiveness.LATE)
                .map(entry -> entry.node().description().nodeId()).toList();
    }
}
