package rhix.deploy.demo;

import java.nio.file.Path;

/** A RHIX service running as its own JVM: where it listens, where it logs, and its process. */
abstract sealed class ServiceProcess permits MpiProcess, NodeProcess, TerminologyProcess {

    private final int httpPort;
    private final int grpcPort;
    private final int fhirPort;
    private final Path log;
    private final Process process;

    ServiceProcess(int httpPort, int grpcPort, int fhirPort, Path log, Process process) {
        this.httpPort = httpPort;
        this.grpcPort = grpcPort;
        this.fhirPort = fhirPort;
        this.log = log;
        this.process = process;
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
