package rhix.deploy.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import rhix.synthetic.PlatformNode;

/** One node agent running as its own JVM, its output in its own log file. */
final class NodeProcess extends ServiceProcess {

    private final PlatformNode node;

    private NodeProcess(PlatformNode node, int httpPort, int grpcPort, int fhirPort, Path log, Process process) {
        super(httpPort, grpcPort, fhirPort, log, process);
        this.node = node;
    }

    /** Starts {@code rhix.node.NodeAgentApplication} for {@code node}, registering with the MPI at {@code mpiTarget} and
     * checking codes with the terminology server at {@code terminologyUrl}; {@code regionProperties} are the rest
     * ({@code -D…}: provider nodes, concept maps, key directory). */
    static NodeProcess start(PlatformNode node, int httpPort, int grpcPort, int fhirPort, Optional<Integer> parentGrpcPort,
                             Optional<String> storeUrl, List<String> securityProperties, String mpiTarget, String terminologyUrl,
                             List<String> regionProperties, Path logDirectory)
            throws IOException {
        List<String> properties = new ArrayList<>(List.of(
                "-Dmicronaut.server.port=" + httpPort,
                "-Drhix.node.id=" + node.id().value(),
                "-Drhix.node.level=" + node.level().name(),
                "-Drhix.node.division-code=" + node.division().value(),
                "-Drhix.node.display-name=" + node.displayName(),
                "-Drhix.node.grpc.port=" + grpcPort,
                "-Drhix.node.fhir.port=" + fhirPort,
                "-Drhix.node.mpi.target=" + mpiTarget,
                "-Drhix.node.terminology.url=" + terminologyUrl,
                "-Drhix.node.public-http-url=http://127.0.0.1:" + httpPort));
        parentGrpcPort.ifPresent(port -> {
            properties.add("-Drhix.node.parent-id=" + node.parent().value());
            properties.add("-Drhix.node.parent-target=127.0.0.1:" + port);
        });
        storeUrl.ifPresent(url -> properties.add("-Drhix.node.store.url=" + url));
        properties.addAll(securityProperties);
        properties.addAll(regionProperties);
        Path log = logDirectory.resolve(node.id().value() + ".log");
        Process process = JvmLauncher.launch("rhix.node.NodeAgentApplication", "node-agent", "384m", properties,
                Map.of("RHIX_NODE_ID", node.id().value()), log);
        return new NodeProcess(node, httpPort, grpcPort, fhirPort, log, process);
    }

    PlatformNode node() {
        return node;
    }
}
