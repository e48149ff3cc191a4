package rhix.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Writes benchmark results to {@code target/bench/<file>.json} in the module that ran them. */
public final class BenchmarkReport {

    public static Path write(String fileName, List<BenchmarkResult> results) throws IOException {
        Path directory = Path.of("target", "bench");
        Files.createDirectories(directory);
        Path file = directory.resolve(fileName + ".json");
        String body = results.stream().map(BenchmarkReport::toJson).collect(Collectors.joining(",\n", "[\n", "\n]\n"));
        Files.writeString(file, body, StandardCharsets.UTF_8);
        return file;
    }

    private static String toJson(BenchmarkResult result) {
        return "  {\"name\": " + quote(result.name())
                + ", \"value\": " + number(result.value())
                + ", \"unit\": " + quote(result.unit())
                + ", \"baseline\": {\"name\": " + quote(result.baselineName()) + ", \"value\": " + number(result.baselineValue()) + "}"
                + ", \"ratio\": " + number(result.ratio())
                + ", \"samples\": " + numbers(result.samples())
                + ", \"baseline_samples\": " + numbers(result.baselineSamples())
                + ", \"cores\": " + Runtime.getRuntime().availableProcessors()
                + ", \"measured_at\": " + quote(Instant.now().toString())
                + ", \"notes\": " + quote(result.notes()) + "}";
    }

    private static String numbers(List<Double> values) {
        return values.stream().map(BenchmarkReport::number).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String number(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.4f", value) : "null";
    }

    private static String quote(String text) {
        return text == null ? "null" : "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private BenchmarkReport() {
    }
}
