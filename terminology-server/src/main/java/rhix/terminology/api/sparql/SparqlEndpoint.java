package rhix.terminology.api.sparql;

import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.tdb2.TDB2;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read-only SPARQL endpoint: embedded Fuseki (jena-fuseki-main) over the store's TDB2 dataset, on its
 * own port, with query and read-only Graph Store services only and {@link ReadOnlyFilter} in front. The
 * default graph is the union of all resource graphs, so a query need not name graphs (GRAPH ?g still
 * tells which version a triple belongs to).
 */
public final class SparqlEndpoint implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SparqlEndpoint.class);

    private final FusekiServer server;
    private final String datasetPath;

    private SparqlEndpoint(FusekiServer server, String datasetPath) {
        this.server = server;
        this.datasetPath = datasetPath;
    }

    /** Starts the endpoint; port 0 picks a free port (tests). */
    public static SparqlEndpoint start(DatasetGraph dataset, int port, String datasetName, boolean loopback) {
        dataset.getContext().set(TDB2.symUnionDefaultGraph, true);
        String path = "/" + datasetName;
        FusekiServer server = FusekiServer.create()
                .port(port)
                .loopback(loopback)
                .enablePing(true)
                .add(path, dataset, false)
                .addFilter("/*", new ReadOnlyFilter())
                .build()
                .start();
        LOG.info("read-only SPARQL endpoint at http://localhost:{}{}/sparql", server.getHttpPort(), path);
        return new SparqlEndpoint(server, path);
    }

    public int port() {
        return server.getHttpPort();
    }

    /** The URL queries are sent to. */
    public String queryUrl() {
        return "http://localhost:" + port() + datasetPath + "/sparql";
    }

    public String datasetUrl() {
        return "http://localhost:" + port() + datasetPath;
    }

    @Override
    public void close() {
        server.stop();
    }
}
