package rhix.node.registry;

/** One node of the tree as this node sees it. */
public record NodeTreeEntry(RegisteredNode node, NodeLiveness liveness) {
}
