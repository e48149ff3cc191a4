package rhix.deploy.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The region's master patient index running as its own JVM: nodes register identities with it over gRPC. */
final class MpiProcess extends ServiceProcess {

    private MpiProcess(int httpPort, int grpcPort, int fhirPort, Path log, Process process) {
        super(httpPort, grpcPort, fhirPort, log, process);
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
        Process process = JvmLauncher.launch("rhix.mpi.MpiServiceApplication", "mpi-service", "512m", properties,
                Map.of("RHIX_SERVICE", "mpi"), log);
        return new MpiProcess(httpPort, grpcPort, fhirPort, log, process);
    }
}
