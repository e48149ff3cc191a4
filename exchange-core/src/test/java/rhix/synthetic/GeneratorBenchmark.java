package rhix.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rhix.bench.BenchmarkReport;
import rhix.bench.BenchmarkResult;

/**
 * Generator throughput, persons/s: full NDJSON output against, as the in-run baseline, the same
 * generation into a sink that drops everything (so the ratio is the cost of encoding and writing).
 * Run: {@code ./mvnw -pl exchange-core verify -Pbench} (persons with -Drhix.bench.persons=N).
 */
@Tag("benchmark")
class GeneratorBenchmark {

    private static final int PERSONS = Integer.getInteger("rhix.bench.persons", 20_000);
    private static final int REPETITIONS = 3;

    @Test
    void generatorThroughput(@TempDir Path directory) throws IOException {
        measure(RegionSpec.of(2_000), directory.resolve("warm-up"), 1);
        List<Double> written = new ArrayList<>();
        List<Double> discarded = new ArrayList<>();
        for (int run = 0; run < REPETITIONS; run++) {
            discarded.add(measure(RegionSpec.of(PERSONS), null, run));
            written.add(measure(RegionSpec.of(PERSONS), directory.resolve("run-" + run), run));
        }
        BenchmarkResult result = new BenchmarkResult("generator.ndjson.persons_per_second", BenchmarkResult.median(written),
                "persons/s", "generator.in_memory_discard.persons_per_second", BenchmarkResult.median(discarded),
                written, discarded, PERSONS + " persons per run, median of " + REPETITIONS + " runs after a 2,000-person warm-up");
        BenchmarkReport.write("generator", List.of(result));
        assertThat(result.value()).isPositive();
    }

    private static double measure(RegionSpec spec, Path directory, int run) throws IOException {
        RegionSink sink = directory == null ? new DiscardingSink() : new DirectoryRegionSink(directory);
        long started = System.nanoTime();
        new SyntheticRegion(spec.withSeed(42 + run)).generate(sink);
        return spec.persons() / ((System.nanoTime() - started) / 1e9);
    }

    private static final class DiscardingSink implements RegionSink {
        private long resources;

        @Override
        public void begin(RegionLayout layout, RegionSpec spec) {
        }

        @Override
        public void conceptMap(Hospital hospital, ConceptMap conceptMap) {
        }

        @Override
        public void resource(Hospital hospital, Resource resource) {
            resources += resource.getIdPart().length();
        }

        @Override
        public void groundTruth(GroundTruthRow row) {
        }

        @Override
        public void close() {
            assertThat(resources).isPositive();
        }
    }
}
