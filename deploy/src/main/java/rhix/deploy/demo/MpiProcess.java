package rhix.deploy.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The region's master patient index running as its own JVM: nodes register identities with it over gRPC. */
final class MpiProcess {

    private final int httpPort;
    private final int grpcPort;
    private final int fhirPort;
    private final Path log;
    private final Process process;

    private MpiProcess(int httpPort, int grpcPort, int fhirPort, Path log, Process process) {
        this.httpPort = httpPort;
        this.grpcPort = grpcPort;
        this.fhirPort = fhirPort;
        this.log = log;
        this.process = process;
    }

    static MpiProcess start(int httpPort, int grpcPort, int fhirPort, Optional<String> storeUrl, List<String> securityProperties,
                            Path logDirectory) throws IOException {
        List<String> properties = new ArrayList<>(List.of(
                "-Dmicronaut.server.port=" + httpPort,
                "-Drhix.mpi.grpc.port=" + grpcPort,
                "-Drhix.mpi.fhir.port=" + fhirPort));
        storeUrl.ifPresent(url -> properties.add("-Drhix.mpi.store.url=" + url));
        properties.addAll(securityProperties);
        Path log = logDirectory.resolve("mpi.log");
        Process process = JvmLauncher.launch("rhix.mpi.MpiServiceApplication", "node-agent", "512m", properties, Map.of("RHIX_SERVICE", "mpi"),
                log);
        return new MpiProcess(httpPort, grpcPort, fhirPort, log, process);
    }

    String httpUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    String fhirBaseUrl() {
        return "http://127.0.0.1:" + fhirPort + "/fhir";
    }

    String grpcTarget() {
        return "127.0.0.1:" + grpcPort;
    }

    Path log() {
        return log;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    void stop() {
        JvmLauncher.stop(process);
    }

    void awaitStopped() throws InterruptedException {
        JvmLauncher.awaitStopped(process);
    }
}
