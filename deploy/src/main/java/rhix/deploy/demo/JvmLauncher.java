package rhix.deploy.demo;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Starts a RHIX service as its own JVM on this JVM's class path (the deploy jar's manifest lists every
 * dependency), configured by system properties, its output in its own log file.
 */
final class JvmLauncher {

    /** The modules that are services of their own, each started in its own JVM. */
    static final List<String> SERVICE_MODULES = List.of("node-agent", "mpi-service", "terminology-server");

    private JvmLauncher() {
    }

    /**
     * @param module the service's own module (e.g. {@code node-agent}): the other services' modules are left off the
     *               class path, because Micronaut starts every bean it finds and each service is its own process
     */
    static Process launch(String mainClass, String module, String maximumHeap, List<String> properties,
                          Map<String, String> environment, Path log) throws IOException {
        if (!SERVICE_MODULES.contains(module)) {
            throw new IllegalArgumentException(module + " is not one of the services " + SERVICE_MODULES);
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + maximumHeap, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-cp", classPathOf(module)));
        command.addAll(properties);
        command.add(mainClass);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().putAll(environment);
        return builder.start();
    }

    /**
     * A service with a class path of its own ({@code target/services/<module>/}: its jar and {@code lib/}, resolved by
     * its module, as the terminology server's HL7 core library differs from the nodes') runs on that; any other on
     * this JVM's class path minus the other services.
     */
    static String classPathOf(String module) throws IOException {
        Optional<Path> own = ownClassPath(module);
        if (own.isPresent()) {
            List<String> entries = new ArrayList<>();
            try (Stream<Path> jars = Stream.concat(Files.list(own.get()), Files.list(own.get().resolve("lib")))) {
                jars.filter(jar -> jar.toString().endsWith(".jar")).sorted().forEach(jar -> entries.add(jar.toString()));
            }
            return String.join(File.pathSeparator, entries);
        }
        return classPathWithout(SERVICE_MODULES.stream().filter(other -> !other.equals(module)).toList());
    }

    /** {@code target/services/<module>} beside the deploy jar or deploy's build output, when it holds a lib folder. */
    private static Optional<Path> ownClassPath(String module) {
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry).toAbsolutePath();
            boolean deployOutput = path.getFileName().toString().equals("rhix-deploy.jar")
                    || entry.replace('\\', '/').endsWith("deploy/target/classes");
            if (deployOutput) {
                Path services = path.getParent().resolve("services").resolve(module);
                if (Files.isDirectory(services.resolve("lib"))) {
                    return Optional.of(services);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * This JVM's class path minus the entries of {@code modules} (their jars, or their {@code target/classes} in
     * a build). A launcher jar (one whose manifest has a {@code Class-Path}, as the deploy jar does) is replaced by
     * the entries it lists, since the child JVM would otherwise follow that manifest back to those modules.
     */
    static String classPathWithout(List<String> modules) throws IOException {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            List<String> listed = manifestClassPath(Path.of(entry));
            if (listed.isEmpty()) {
                entries.add(entry);
            } else {
                entries.addAll(listed);
            }
        }
        return entries.stream()
                .filter(entry -> modules.stream().noneMatch(module -> belongsTo(entry, module)))
                .distinct()
                .collect(Collectors.joining(File.pathSeparator));
    }

    /** The module's jar ({@code node-agent-0.1.0.jar}) or its build output ({@code node-agent/target/classes}). */
    private static boolean belongsTo(String classPathEntry, String module) {
        return Path.of(classPathEntry).getFileName().toString().startsWith(module + "-")
                || classPathEntry.replace('\\', '/').contains("/" + module + "/target/");
    }

    private static List<String> manifestClassPath(Path entry) throws IOException {
        if (!entry.toString().endsWith(".jar") || !Files.isRegularFile(entry)) {
            return List.of();
        }
        try (JarFile jar = new JarFile(entry.toFile())) {
            Manifest manifest = jar.getManifest();
            String listed = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
            if (listed == null || listed.isBlank()) {
                return List.of();
            }
            Path base = entry.toAbsolutePath().getParent();
            List<String> resolved = new ArrayList<>();
            for (String relative : listed.trim().split("\\s+")) {
                resolved.add(base.resolve(relative).toString());
            }
            return resolved;
        }
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
