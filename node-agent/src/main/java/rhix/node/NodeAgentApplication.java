package rhix.node;

import io.micronaut.runtime.Micronaut;
import org.slf4j.bridge.SLF4JBridgeHandler;

/** Starts one node of the region: its store, ingestion, HTTP API and gRPC services. */
public final class NodeAgentApplication {

    public static void main(String[] args) {
        // HAPI, gRPC and the OpenTelemetry logging exporter log through java.util.logging.
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        Micronaut.run(NodeAgentApplication.class, args);
    }

    private NodeAgentApplication() {
    }
}
