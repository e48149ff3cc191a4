package rhix.mpi;

import io.micronaut.runtime.Micronaut;
import org.slf4j.bridge.SLF4JBridgeHandler;

/** Starts the region's master patient index: its store, gRPC service for nodes, administration HTTP API and FHIR API. */
public final class MpiServiceApplication {

    public static void main(String[] args) {
        // HAPI and gRPC log through java.util.logging.
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        Micronaut.run(MpiServiceApplication.class, args);
    }

    private MpiServiceApplication() {
    }
}
