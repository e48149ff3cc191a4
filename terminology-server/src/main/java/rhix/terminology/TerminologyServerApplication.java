package rhix.terminology;

import io.micronaut.runtime.Micronaut;
import org.slf4j.bridge.SLF4JBridgeHandler;

/** Starts the region's terminology server: its TDB2 store, the FHIR terminology API and the read-only SPARQL endpoint. */
public final class TerminologyServerApplication {

    public static void main(String[] args) {
        // HAPI and Jena's Jetty log through java.util.logging or SLF4J; bring both to logback.
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        Micronaut.run(TerminologyServerApplication.class, args);
    }

    private TerminologyServerApplication() {
    }
}
