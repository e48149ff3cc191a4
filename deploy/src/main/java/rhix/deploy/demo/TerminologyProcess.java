package rhix.deploy.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The region's terminology server as its own JVM: shipped content and the generator's hospital concept maps in a
 * fresh TDB2 store, the FHIR terminology API the nodes ask at ingestion, and the read-only SPARQL endpoint.
 */
final class TerminologyProcess extends ServiceProcess {

    private final int sparqlPort;

    private TerminologyProcess(int httpPort, int fhirPort, int sparqlPort, Path log, Process process) {
        super(httpPort, 0, fhirPort, log, process);
        this.sparqlPort = sparqlPort;
    }

    static TerminologyProcess start(int httpPort, int fhirPort, int sparqlPort, Path storeDirectory, Path conceptMaps,
                                    Path logDirectory) throws IOException {
        // Code systems and concept maps are not personal data, and nodes have no service tokens yet: the demo serves
        // terminology without bearer tokens (the server's default is on; see terminology-server/README.md).
        List<String> properties = List.of(
                "-Dmicronaut.server.port=" + httpPort,
                "-Drhix.terminology.fhir.port=" + fhirPort,
                "-Drhix.terminology.fhir.security.enabled=false",
                "-Drhix.terminology.sparql.port=" + sparqlPort,
                "-Drhix.terminology.store.path=" + storeDirectory.toAbsolutePath(),
                "-Drhix.terminology.audit.directory=" + storeDirectory.toAbsolutePath().resolveSibling("terminology-audit"),
                "-Drhix.terminology.store.concept-map-folder=" + conceptMaps.toAbsolutePath());
        Path log = logDirectory.resolve("terminology.log");
        Process process = JvmLauncher.launch("rhix.terminology.TerminologyServerApplication", "terminology-server", "512m",
                properties, Map.of("RHIX_SERVICE", "terminology"), log);
        return new TerminologyProcess(httpPort, fhirPort, sparqlPort, log, process);
    }

    String sparqlUrl() {
        return "http://127.0.0.1:" + sparqlPort + "/terminology/sparql";
    }
}
