package rhix.terminology.store;

import org.apache.jena.graph.Node;

/** Where a resource's triples go: the store's write transaction, or a counter in a benchmark baseline. */
@FunctionalInterface
public interface TripleSink {

    void triple(Node subject, Node predicate, Node object);
}
