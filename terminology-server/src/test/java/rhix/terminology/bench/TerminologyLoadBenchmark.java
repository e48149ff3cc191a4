package rhix.terminology.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.system.Txn;
import org.hl7.fhir.r4.model.CodeSystem;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rhix.bench.BenchmarkReport;
import rhix.bench.BenchmarkResult;
import rhix.terminology.load.GeneratedHierarchy;
import rhix.terminology.store.FhirJsonCodec;
import rhix.terminology.store.ProgressListener;
import rhix.terminology.store.ResourceKey;
import rhix.terminology.store.TerminologyStore;
import rhix.terminology.store.WriteReport;

/**
 * Loading a 100,000-concept, 6-level code system from FHIR JSON into the store, in triples/s, against
 * baselines in the same run: parsing the same JSON into HAPI objects without storing, and writing the
 * same triples into Jena's in-memory transactional dataset. TDB2 is measured both ways a version can be
 * written: one write transaction ({@code put}, what the loaders use) and TDB2's sequential bulk loader (the phased and parallel ones want more cores than the 2 here).
 * Run: {@code ./mvnw -B -ntp -o -pl terminology-server -am verify -Pbench -Dtest=TerminologyLoadBenchmark}
 * (size {@code -Drhix.bench.concepts=N}, repetitions {@code -Drhix.bench.repetitions=N}).
 * Writes {@code terminology-server/target/bench/terminology-load.json}.
 */
@Tag("benchmark")
class TerminologyLoadBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(TerminologyLoadBenchmark.class);
    private static final int CONCEPTS = Integer.getInteger("rhix.bench.concepts", 100_000);
    private static final int REPETITIONS = Integer.getInteger("rhix.bench.repetitions", 2);

    @Test
    void loadTriplesPerSecondAgainstParsingAndAnInMemoryDataset() throws Exception {
        String json = FhirJsonCodec.encode(new GeneratedHierarchy(CONCEPTS).codeSystem("1"));
        Path root = Files.createDirectories(Path.of("target", "bench-tdb"));
        Map<String, List<Double>> samples = new LinkedHashMap<>();
        long triples = 0;
        warmUp(root);
        for (int rep = 0; rep < REPETITIONS; rep++) {
            long started = System.nanoTime();
            CodeSystem parsed = FhirJsonCodec.decode(CodeSystem.class, json);
            double parseSeconds = (System.nanoTime() - started) / 1e9;
            samples.computeIfAbsent("parse.concepts_per_second", k -> new ArrayList<>()).add(CONCEPTS / parseSeconds);

            // Baseline: the same triples into Jena's in-memory transactional dataset, parsing included.
            DatasetGraph memory = DatasetGraphFactory.createTxnMem();
            started = System.nanoTime();
            CodeSystem forMemory = FhirJsonCodec.decode(CodeSystem.class, json);
            ResourceKey key = TerminologyStore.keyOf(forMemory);
            long[] count = {0};
            Txn.executeWrite(memory, () -> TerminologyStore.toRdf(forMemory, key, (s, p, o) -> {
                memory.add(key.graph(), s, p, o);
                count[0]++;
            }, ProgressListener.NONE));
            double memorySeconds = (System.nanoTime() - started) / 1e9;
            triples = count[0];
            samples.computeIfAbsent("memory.triples_per_second", k -> new ArrayList<>()).add(triples / memorySeconds);
            samples.computeIfAbsent("memory.concepts_per_second", k -> new ArrayList<>()).add(CONCEPTS / memorySeconds);

            samples.computeIfAbsent("tdb2.transaction.triples_per_second", k -> new ArrayList<>())
                    .add(timedLoad(root.resolve("txn-" + rep), json, store -> store.put(parse(json), printing("transaction"))));
            for (TerminologyStore.BulkLoader loader : List.of(TerminologyStore.BulkLoader.SEQUENTIAL)) {
                String name = loader.name().toLowerCase(Locale.ROOT);
                samples.computeIfAbsent("tdb2.bulk_" + name + ".triples_per_second", k -> new ArrayList<>())
                        .add(timedLoad(root.resolve(name + "-" + rep), json, store -> store.putBulk(parse(json), loader, printing(name))));
            }
            LOG.info("repetition {}: {}", rep + 1, samples);
        }
        Map<String, Double> medians = new LinkedHashMap<>();
        samples.forEach((name, values) -> medians.put(name, BenchmarkResult.median(values)));
        String notes = String.format(Locale.ROOT, "%,d concepts in 6 levels, %,d triples per load, %d repetitions, on-disk TDB2 under "
                + "target/bench-tdb, timings include parsing the FHIR JSON; %d cores", CONCEPTS, triples, REPETITIONS,
                Runtime.getRuntime().availableProcessors());
        List<BenchmarkResult> results = new ArrayList<>();
        results.add(result("load.tdb2.transaction.triples_per_second", "memory.triples_per_second", samples, medians, notes));
        results.add(result("load.tdb2.bulk_sequential.triples_per_second", "tdb2.transaction.triples_per_second", samples, medians, notes));
        double triplesPerConcept = triples / (double) CONCEPTS;
        List<Double> conceptsPerSecond = samples.get("tdb2.transaction.triples_per_second").stream().map(t -> t / triplesPerConcept).toList();
        results.add(new BenchmarkResult("load.tdb2.transaction.concepts_per_second", BenchmarkResult.median(conceptsPerSecond), "concepts/s",
                "parse.hapi_json.concepts_per_second", medians.get("parse.concepts_per_second"), conceptsPerSecond,
                samples.get("parse.concepts_per_second"), notes + "; baseline: parsing the JSON into HAPI objects only"));
        Path file = BenchmarkReport.write("terminology-load", results);
        results.forEach(r -> LOG.info("{} = {} {} (baseline {} = {}, ratio {})", r.name(), Math.round(r.value()), r.unit(), r.baselineName(),
                Math.round(r.baselineValue()), String.format(Locale.ROOT, "%.3f", r.ratio())));
        LOG.info("wrote {}", file.toAbsolutePath());
        assertThat(medians.get("tdb2.transaction.triples_per_second")).isPositive();
        deleteQuietly(root);
    }

    /** One small load each way first, discarded: the first FhirContext, parser and TDB2 use cost seconds of class loading and JIT. */
    private static void warmUp(Path root) {
        String small = FhirJsonCodec.encode(new GeneratedHierarchy(30_000).codeSystem("warm-up"));
        timedLoad(root.resolve("warm-txn"), small, store -> store.put(parse(small), ProgressListener.NONE));
        timedLoad(root.resolve("warm-bulk"), small, store -> store.putBulk(parse(small), TerminologyStore.BulkLoader.SEQUENTIAL, ProgressListener.NONE));
    }

    private static CodeSystem parse(String json) {
        return FhirJsonCodec.decode(CodeSystem.class, json);
    }

    /** Opens a fresh on-disk store, loads, and answers triples/s (from the start of parsing to the commit). */
    private static double timedLoad(Path directory, String json, java.util.function.Function<TerminologyStore, WriteReport> load) {
        try (TerminologyStore store = TerminologyStore.open(directory)) {
            long started = System.nanoTime();
            WriteReport report = load.apply(store);
            double seconds = (System.nanoTime() - started) / 1e9;
            assertThat(store.holds(report.key())).isTrue();
            return report.triples() / seconds;
        }
    }

    private static ProgressListener printing(String what) {
        return (done, total) -> {
            if (done % 50_000 == 0 || done == total) {
                LOG.info("{}: {} of {} concepts", what, done, total);
            }
        };
    }

    private static BenchmarkResult result(String name, String baseline, Map<String, List<Double>> samples, Map<String, Double> medians, String notes) {
        String key = name.substring("load.".length());
        return new BenchmarkResult(name, medians.get(key), "triples/s", baseline, medians.get(baseline), samples.get(key), samples.get(baseline), notes);
    }

    private static void deleteQuietly(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (java.io.IOException e) {
            LOG.warn("could not delete {}", root, e);
        }
    }
}
