package rhix.mpi.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import rhix.bench.BenchmarkReport;
import rhix.bench.BenchmarkResult;
import rhix.mpi.link.BulkLinker;
import rhix.mpi.link.DeterministicLinker;
import rhix.mpi.link.GeneratedPopulation;
import rhix.mpi.link.LinkageDiagnostics;
import rhix.mpi.link.LinkageOptions;
import rhix.mpi.link.LinkagePhase;
import rhix.mpi.link.LinkageProgressListener;
import rhix.mpi.link.LinkageResult;
import rhix.mpi.link.PairwiseEvaluation;
import rhix.synthetic.RegionSpec;

/**
 * Bulk linkage of a generated region's Patient records (about a million by default, default noise 0.3)
 * against ground truth: the probabilistic linker and the deterministic baseline in the same run, then the
 * probabilistic linker again without its resident-ID guard, to measure what the guard buys. Only the
 * linkers are timed; generating the region and reading the FHIR Patients is reported apart.
 * Run: {@code ./mvnw -B -ntp -o -pl mpi-service -am verify -Pbench} (size: {@code -Drhix.bench.records=N}).
 * Writes {@code mpi-service/target/bench/mpi-linkage.json}.
 */
@Tag("benchmark")
class BulkLinkageBenchmark {

    private static final int RECORDS = Integer.getInteger("rhix.bench.records", 1_000_000);
    /** Patient records per person the generator makes at its defaults (measured: 180,372 for 100,000 persons). */
    private static final double RECORDS_PER_PERSON = 1.80;

    @Test
    void linkAMillionRecordsAgainstTheDeterministicBaseline() throws Exception {
        int persons = (int) Math.round(RECORDS / RECORDS_PER_PERSON);
        System.out.printf(Locale.ROOT, "generating %,d persons (about %,d Patient records)%n", persons, RECORDS);
        GeneratedPopulation population = GeneratedPopulation.generate(RegionSpec.of(persons), done -> {
            if (done % 100_000 == 0) {
                System.out.printf(Locale.ROOT, "  %,d persons%n", done);
            }
        });
        int records = population.records().size();
        System.out.printf(Locale.ROOT, "%,d records generated and read in %.1f s%n", records, seconds(population.elapsed()));

        DeterministicLinker.Result baseline = new DeterministicLinker().link(population.records());
        PairwiseEvaluation baselineScores = PairwiseEvaluation.of(baseline.clusterOf(), population.personOf());

        LinkageResult linked = new BulkLinker().link(population.records(), printing());
        PairwiseEvaluation scores = PairwiseEvaluation.of(linked.clusterOf(), population.personOf());
        System.out.println(LinkageDiagnostics.describe(population, linked, 15));

        LinkageResult unguarded = new BulkLinker(LinkageOptions.defaults().withConflictingResidentIdsRefused(false))
                .link(population.records());
        PairwiseEvaluation unguardedScores = PairwiseEvaluation.of(unguarded.clusterOf(), population.personOf());

        double linkSeconds = seconds(linked.totalTime());
        double baselineSeconds = seconds(baseline.elapsed());
        LinkageResult.Counts counts = linked.counts();
        String phases = linked.timings().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .map(e -> e.getKey().name().toLowerCase(Locale.ROOT) + " " + String.format(Locale.ROOT, "%.2f s", seconds(e.getValue())))
                .collect(Collectors.joining(", "));
        String notes = String.format(Locale.ROOT, "%,d Patient records of %,d persons (seed %d, noise %.1f), %,d true pairs; "
                        + "phases: %s; %,d blocks, %d oversized skipped (%,d pairs), %,d candidate pairs, %d patterns, "
                        + "EM %d iterations (converged %s), prevalence %.4f; %,d links, %,d conflicts refused, %,d review pairs; "
                        + "generation + FHIR read %.1f s (not timed); %d cores",
                records, persons, RegionSpec.DEFAULT_SEED, RegionSpec.DEFAULT_NOISE_RATE, scores.truePairs(), phases, counts.blocks(),
                counts.oversizedBlocks(), counts.oversizedPairsSkipped(), counts.candidatePairs(), counts.patterns(),
                linked.model().iterations(), linked.model().converged(), linked.model().model().matchPrevalence(),
                counts.linksAccepted(), counts.conflictsRefused(), counts.reviewPairs(), seconds(population.elapsed()),
                Runtime.getRuntime().availableProcessors());

        List<BenchmarkResult> results = new ArrayList<>();
        results.add(figure("linkage.f1", scores.f1(), "ratio", "deterministic.f1", baselineScores.f1(), notes));
        results.add(figure("linkage.precision", scores.precision(), "ratio", "deterministic.precision", baselineScores.precision(), notes));
        results.add(figure("linkage.recall", scores.recall(), "ratio", "deterministic.recall", baselineScores.recall(), notes));
        results.add(figure("linkage.seconds", linkSeconds, "s", "deterministic.seconds", baselineSeconds, notes));
        results.add(figure("linkage.records_per_second", records / linkSeconds, "records/s", "deterministic.records_per_second",
                records / baselineSeconds, notes));
        results.add(figure("linkage.candidate_pairs", counts.candidatePairs(), "pairs", "records", records, notes));
        results.add(figure("linkage.false_positive_pairs", scores.falsePositivePairs(), "pairs", "deterministic.false_positive_pairs",
                baselineScores.falsePositivePairs(), notes));
        results.add(figure("linkage.false_negative_pairs", scores.falseNegativePairs(), "pairs", "deterministic.false_negative_pairs",
                baselineScores.falseNegativePairs(), notes));
        results.add(figure("linkage.f1.without_resident_id_guard", unguardedScores.f1(), "ratio", "linkage.f1", scores.f1(),
                "the same run with refuseConflictingResidentIds=false: precision " + unguardedScores.precision() + ", recall "
                        + unguardedScores.recall() + ", " + unguarded.counts().linksAccepted() + " links"));
        results.add(figure("linkage.false_positive_pairs.without_resident_id_guard", unguardedScores.falsePositivePairs(), "pairs",
                "linkage.false_positive_pairs", scores.falsePositivePairs(), "what refusing links between clusters with unrelated "
                        + "resident IDs prevents (" + counts.conflictsRefused() + " links refused); false negatives without the guard: "
                        + unguardedScores.falseNegativePairs()));
        results.add(figure("setup.generation_seconds", seconds(population.elapsed()), "s", "linkage.seconds", linkSeconds,
                "generating the region and reading every Patient with PatientTraits; not part of the linkage time"));
        BenchmarkReport.write("mpi-linkage", results);
        results.forEach(r -> System.out.printf(Locale.ROOT, "%s = %.4f %s (baseline %s = %.4f, ratio %.4f)%n", r.name(), r.value(),
                r.unit(), r.baselineName(), r.baselineValue(), r.ratio()));
        System.out.println(notes);

        assertThat(scores.f1()).as("F1 at default noise").isGreaterThanOrEqualTo(0.98);
        assertThat(scores.recall()).isGreaterThan(baselineScores.recall());
    }

    private static BenchmarkResult figure(String name, double value, String unit, String baselineName, double baseline, String notes) {
        return new BenchmarkResult(name, value, unit, baselineName, baseline, List.of(value), List.of(baseline), notes);
    }

    /** Prints each phase's start and end, and every tenth of the comparing phase, the long one. */
    private static LinkageProgressListener printing() {
        long started = System.nanoTime();
        return new LinkageProgressListener() {
            private long lastTenth = -1;

            @Override
            public void progress(LinkagePhase phase, long done, long total) {
                long tenth = total == 0 ? 10 : done * 10 / total;
                boolean edge = done == 0 || done == total;
                if (edge || (phase == LinkagePhase.COMPARING && tenth != lastTenth)) {
                    lastTenth = tenth;
                    System.out.printf(Locale.ROOT, "  %6.1f s %-10s %,d / %,d%n", (System.nanoTime() - started) / 1e9, phase, done, total);
                }
            }
        };
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
