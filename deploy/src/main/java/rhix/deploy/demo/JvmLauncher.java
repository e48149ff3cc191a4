package rhix.deploy.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts a RHIX service as its own JVM on this JVM's class path (the deploy jar's manifest lists every
 * dependency), configured by system properties, its output in its own log file.
 */
final class JvmLauncher {

    private JvmLauncher() {
    }

    static Process launch(String mainClass, String maximumHeap, List<String> properties, Map<String, String> environment,
                          Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + maximumHeap, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path")));
        command.addAll(properties);
        command.add(mainClass);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().putAll(environment);
        return builder.start();
    }

    static void stop(Process process) {
        process.destroy();
    }

    static void awaitStopped(Process process) throws InterruptedException {
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
