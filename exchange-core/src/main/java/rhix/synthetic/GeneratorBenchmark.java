package rhix.synthetic;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.ConceptMap;

/**
 * Generator throughput in persons/s: full NDJSON output to a temporary directory, against the
 * in-run baseline of the same generation into a sink that discards everything, so that the ratio
 * is what encoding and writing cost (machines here are noisy: quote the ratio and the medians).
 * A warm-up of each first, then repetitions alternating the two, medians reported.
 * <pre>
 * ./mvnw -pl exchange-core exec:java -Dexec.mainClass=rhix.synthetic.GeneratorBenchmark -Dexec.args="--persons 20000"
 * </pre>
 * Options: {@code --persons N} (20,000), {@code --runs N} (5), {@code --warmup-persons N} (20,000),
 * {@code --report FILE} (exchange-core/target/bench/generator.json).
 */
public final class GeneratorBenchmark {

    static final List<String> OPTIONS = List.of("--persons", "--runs", "--warmup-persons", "--report");

    /** One reported figure: the measured median and the baseline median it is compared with. */
    record Figure(String name, double value, String unit, String baselineName, double baselineValue, List<Double> samples,
                  List<Double> baselineSamples) {

        double ratio() {
            return value / baselineValue;
        }
    }

    /** One run's outcome. */
    private record Measurement(double personsPerSecond, double resourcesPerSecond) {
    }

    public static void main(String[] args) throws IOException {
        try {
            run(args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("GeneratorBenchmark: " + e.getMessage());
            System.exit(2);
        }
    }

    /** Runs the benchmark, prints the figures, writes the report; returns the report's path. */
    static Path run(String[] args, PrintStream out) throws IOException {
        CommandLineOptions options = CommandLineOptions.parse(args, OPTIONS);
        int persons = options.integer("--persons", 20_000);
        int runs = options.integer("--runs", 5);
        int warmupPersons = options.integer("--warmup-persons", 20_000);
        Path report = options.text("--report").map(Path::of).orElseGet(GeneratorBenchmark::defaultReport);
        if (runs < 1 || persons < 1 || warmupPersons < 1) {
            throw new IllegalArgumentException("--persons, --runs and --warmup-persons must be positive");
        }

        out.printf(Locale.ROOT, "Warming up (%,d persons, each mode twice)%n", warmupPersons);
        for (int i = 0; i < 2; i++) {
            measure(RegionSpec.of(warmupPersons), true);
            measure(RegionSpec.of(warmupPersons), false);
        }
        List<Measurement> written = new ArrayList<>();
        List<Measurement> discarded = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            // A different seed each run, the same for both modes: like work, not a replay of one file.
            RegionSpec spec = RegionSpec.of(persons).withSeed(1000 + run);
            discarded.add(measure(spec, false));
            written.add(measure(spec, true));
            out.printf(Locale.ROOT, "run %d: ndjson %,.0f persons/s, discard %,.0f persons/s%n", run + 1,
                    written.getLast().personsPerSecond(), discarded.getLast().personsPerSecond());
        }
        List<Figure> figures = List.of(
                figure("generator.ndjson.persons_per_second", "persons/s", "generator.discard.persons_per_second",
                        written.stream().map(Measurement::personsPerSecond).toList(),
                        discarded.stream().map(Measurement::personsPerSecond).toList()),
                figure("generator.ndjson.resources_per_second", "resources/s", "generator.discard.resources_per_second",
                        written.stream().map(Measurement::resourcesPerSecond).toList(),
                        discarded.stream().map(Measurement::resourcesPerSecond).toList()));
        Files.createDirectories(report.toAbsolutePath().getParent());
        Files.writeString(report, toJson(figures, runs), StandardCharsets.UTF_8);
        for (Figure figure : figures) {
            out.printf(Locale.ROOT, "%s: median %,.0f %s; baseline %s: median %,.0f; ratio %.3f (%d runs of %,d persons, %d cores)%n",
                    figure.name(), figure.value(), figure.unit(), figure.baselineName(), figure.baselineValue(), figure.ratio(),
                    runs, persons, Runtime.getRuntime().availableProcessors());
        }
        out.println("Report: " + report.toAbsolutePath());
        return report;
    }

    private static Measurement measure(RegionSpec spec, boolean writeFiles) throws IOException {
        Path directory = writeFiles ? Files.createTempDirectory("rhix-generator-bench") : null;
        try {
            RegionSink sink = writeFiles ? new DirectoryRegionSink(directory) : new DiscardingSink();
            long started = System.nanoTime();
            RegionSummary summary = new SyntheticRegion(spec).generate(sink, SyntheticRegion.NO_PROGRESS);
            double seconds = (System.nanoTime() - started) / 1e9;
            return new Measurement(spec.persons() / seconds, summary.resources() / seconds);
        } finally {
            if (directory != null) {
                deleteRecursively(directory);
            }
        }
    }

    private static Figure figure(String name, String unit, String baselineName, List<Double> samples, List<Double> baseline) {
        return new Figure(name, median(samples), unit, baselineName, median(baseline), samples, baseline);
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    static String toJson(List<Figure> figures, int runs) {
        return figures.stream().map(figure -> "  {\"name\": \"" + figure.name() + "\""
                        + ", \"value\": " + number(figure.value())
                        + ", \"unit\": \"" + figure.unit() + "\""
                        + ", \"baseline_name\": \"" + figure.baselineName() + "\""
                        + ", \"baseline_value\": " + number(figure.baselineValue())
                        + ", \"ratio\": " + String.format(Locale.ROOT, "%.4f", figure.ratio())
                        + ", \"runs\": " + runs
                        + ", \"samples\": " + numbers(figure.samples())
                        + ", \"baseline_samples\": " + numbers(figure.baselineSamples())
                        + ", \"cores\": " + Runtime.getRuntime().availableProcessors() + "}")
                .collect(Collectors.joining(",\n", "[\n", "\n]\n"));
    }

    private static String numbers(List<Double> values) {
        return values.stream().map(GeneratorBenchmark::number).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** exchange-core/target/bench/generator.json, wherever Maven was started from (exec:java keeps Maven's directory). */
    private static Path defaultReport() {
        try {
            Path classes = Path.of(GeneratorBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path target = classes.getParent();
            if (Files.isDirectory(classes) && target != null && target.getFileName().toString().equals("target")) {
                return target.resolve("bench").resolve("generator.json");
            }
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            // No usable code source: fall back to the working directory's target.
        }
        return Path.of("target", "bench", "generator.json");
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** The baseline: generation with nowhere to go, so neither encoding nor I/O. */
    private static final class DiscardingSink implements RegionSink {

        @Override
        public void begin(RegionLayout layout, RegionSpec spec) {
        }

        @Override
        public void conceptMap(Hospital hospital, ConceptMap conceptMap) {
        }

        @Override
        public void resource(Hospital hospital, SyntheticResource resource) {
        }

        @Override
        public void groundTruth(GroundTruthRow row) {
        }

        @Override
        public void close() {
        }
    }

    private GeneratorBenchmark() {
    }
}
