package rhix.node.registry;

/** One node of the tree with its liveness as this node sees it. */
public record NodeTreeEntry(RegisteredNode node, NodeLiveness liveness) {
}
