package rhix.deploy.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import rhix.synthetic.PlatformNode;

/** One node agent running as its own JVM, its output in its own log file. */
final class NodeProcess {

    private final PlatformNode node;
    private final int httpPort;
    private final int grpcPort;
    private final int fhirPort;
    private final Path log;
    private final Process process;

    private NodeProcess(PlatformNode node, int httpPort, int grpcPort, int fhirPort, Path log, Process process) {
        this.node = node;
        this.httpPort = httpPort;
        this.grpcPort = grpcPort;
        this.fhirPort = fhirPort;
        this.log = log;
        this.process = process;
    }

    /**
     * Starts {@code rhix.node.NodeAgentApplication} on this JVM's class path (the deploy jar's
     * manifest lists every dependency), configured by system properties.
     */
    static NodeProcess start(PlatformNode node, int httpPort, int grpcPort, int fhirPort, Optional<Integer> parentGrpcPort,
                             Optional<String> storeUrl, List<String> securityProperties, Path logDirectory) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"),
                "-Dmicronaut.server.port=" + httpPort,
                "-Drhix.node.id=" + node.id().value(),
                "-Drhix.node.level=" + node.level().name(),
                "-Drhix.node.division-code=" + node.division().value(),
                "-Drhix.node.display-name=" + node.displayName(),
                "-Drhix.node.grpc.port=" + grpcPort,
                "-Drhix.node.fhir.port=" + fhirPort,
                "-Drhix.node.public-http-url=http://127.0.0.1:" + httpPort));
        parentGrpcPort.ifPresent(port -> {
            command.add("-Drhix.node.parent-id=" + node.parent().value());
            command.add("-Drhix.node.parent-target=127.0.0.1:" + port);
        });
        storeUrl.ifPresent(url -> command.add("-Drhix.node.store.url=" + url));
        command.addAll(securityProperties);
        command.add("rhix.node.NodeAgentApplication");
        Path log = logDirectory.resolve(node.id().value() + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().put("RHIX_NODE_ID", node.id().value());
        return new NodeProcess(node, httpPort, grpcPort, fhirPort, log, builder.start());
    }

    PlatformNode node() {
        return node;
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
        process.destroy();
    }

    void awaitStopped() throws InterruptedException {
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
