package rhix.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineToolsTest {

    @Test
    void generateRegionWritesTheRegionAndPrintsPersonsPerNode(@TempDir Path directory) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = GenerateRegion.run(new String[] {"--persons", "60", "--seed", "5", "--out", directory.toString(),
                "--format", "bundle", "--bundle-size", "100", "--noise", "0.5"}, print(out), print(err));

        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(printed).contains("Generated 60 persons (seed 5", "as bundle", "persons/s").contains("county-330225", "total");
        assertThat(printed.lines().filter(line -> line.matches("(province|city|county)-\\d{6} .*"))).hasSize(7);
        assertThat(Files.readString(DirectoryRegionSink.regionFile(directory))).contains("\"noiseRate\": 0.5", "\"format\": \"bundle\"");
        assertThat(DirectoryRegionSink.bundleFile(directory, RegionLayout.zhejiangDemo().hospitals().getFirst(), 1)).exists();
    }

    @Test
    void generateRegionRefusesUnknownOptionsAndBadValuesWithStatus2() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        assertThat(GenerateRegion.run(new String[] {"--people", "5"}, print(new ByteArrayOutputStream()), print(err))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option --people").contains("usage:");
        err.reset();
        assertThat(GenerateRegion.run(new String[] {"--noise", "2"}, print(new ByteArrayOutputStream()), print(err))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("noiseRate must be within 0..1, was 2.0");
        err.reset();
        assertThat(GenerateRegion.run(new String[] {"--format", "xml"}, print(new ByteArrayOutputStream()), print(err))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--format: 'xml' is not one of the accepted values");
        assertThatThrownBy(() -> CommandLineOptions.parse(new String[] {"--persons"}, GenerateRegion.OPTIONS))
                .hasMessage("--persons needs a value");
    }

    @Test
    void theBenchmarkWritesMediansWithTheirInRunBaseline(@TempDir Path directory) throws Exception {
        Path report = directory.resolve("bench/generator.json");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        GeneratorBenchmark.run(new String[] {"--persons", "40", "--runs", "3", "--warmup-persons", "10",
                "--report", report.toString()}, print(out));

        String json = Files.readString(report);
        assertThat(json).startsWith("[").contains("\"name\": \"generator.ndjson.persons_per_second\"",
                "\"unit\": \"persons/s\"", "\"baseline_name\": \"generator.discard.persons_per_second\"", "\"runs\": 3",
                "\"name\": \"generator.ndjson.resources_per_second\"");
        assertThat(json.lines().filter(line -> line.contains("\"ratio\": "))).hasSize(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("ratio").contains("Report: ");
        assertThat(GeneratorBenchmark.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
        assertThat(GeneratorBenchmark.median(List.of(4.0, 1.0, 2.0, 3.0))).isEqualTo(2.5);
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
