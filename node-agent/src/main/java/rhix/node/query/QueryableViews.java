package rhix.node.query;

import java.util.List;
import java.util.Optional;

/**
 * The views this node answers federated queries over: what the query service needs of the view store, which
 * keeps each registered ViewDefinition as a table maintained at ingestion.
 */
public interface QueryableViews {

    /** Every view the node can answer for now (a view still being built is not listed). */
    List<QueryableView> all();

    Optional<QueryableView> find(String name);
}
