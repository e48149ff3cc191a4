package rhix.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Runs {@link GeneratorBenchmark} under the {@code bench} profile ({@code ./mvnw -pl exchange-core verify -Pbench},
 * persons with {@code -Drhix.bench.persons=N}); excluded from ordinary builds. Not a timed test: it
 * asserts the report was written, the figures are for the reader.
 */
@Tag("benchmark")
class GeneratorBenchmarkTest {

    @Test
    void writesTheGeneratorReport() throws Exception {
        Path report = GeneratorBenchmark.run(new String[] {"--persons", System.getProperty("rhix.bench.persons", "20000"),
                "--report", Path.of("target", "bench", "generator.json").toString()}, System.out);

        assertThat(Files.readString(report)).contains("generator.ndjson.persons_per_second");
    }
}
