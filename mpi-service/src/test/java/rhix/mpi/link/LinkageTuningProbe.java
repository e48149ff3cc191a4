package rhix.mpi.link;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import rhix.synthetic.RegionSpec;

/** Prints where linkage goes wrong on a generated region: run by hand when tuning (-Dtest=LinkageTuningProbe). */
@Tag("slow")
class LinkageTuningProbe {

    @Test
    void printDiagnostics() {
        int persons = Integer.getInteger("rhix.probe.persons", 5_000);
        GeneratedPopulation population = GeneratedPopulation.generate(RegionSpec.of(persons)
                .withNoiseRate(Double.parseDouble(System.getProperty("rhix.probe.noise", "0.3")))
                .withInvalidIdShare(Double.parseDouble(System.getProperty("rhix.probe.invalid", "0"))));
        LinkageResult result = new BulkLinker().link(population.records());
        PairwiseEvaluation probabilistic = PairwiseEvaluation.of(result.clusterOf(), population.personOf());
        PairwiseEvaluation baseline = PairwiseEvaluation.of(new DeterministicLinker().link(population.records()).clusterOf(),
                population.personOf());
        System.out.println("records " + population.records().size() + " generated in " + population.elapsed());
        System.out.println("probabilistic " + probabilistic + " P=" + probabilistic.precision() + " R=" + probabilistic.recall()
                + " F1=" + probabilistic.f1());
        System.out.println("baseline " + baseline + " P=" + baseline.precision() + " R=" + baseline.recall() + " F1=" + baseline.f1());
        System.out.println(result.counts() + " " + result.timings());
        System.out.println("model " + result.model());
        System.out.println("link score " + result.model().scoreFor(0.9) + " review score " + result.model().scoreFor(0.1));
        for (int code = 0; code < AgreementPattern.PATTERNS; code++) {
            var vector = AgreementPattern.decode(code);
            double score = result.model().model().score(vector);
            double p = result.model().model().matchProbability(vector);
            if (p >= 0.9 && score < 0) {
                System.out.printf("  p %.3f but score %.2f: %s%n", p, score, LinkageDiagnostics.pattern(vector));
            }
        }
        System.out.println(LinkageDiagnostics.describe(population, result, 25));
        for (double minScore : new double[] {Double.NEGATIVE_INFINITY, 0, 2}) {
            for (double link : new double[] {0.5, 0.9, 0.99}) {
                LinkageResult variant = new BulkLinker(LinkageOptions.defaults().withMinLinkScore(minScore)
                        .withThresholds(link, Math.min(link, LinkageOptions.DEFAULT_REVIEW_PROBABILITY))).link(population.records());
                PairwiseEvaluation scores = PairwiseEvaluation.of(variant.clusterOf(), population.personOf());
                System.out.printf("minLinkScore %5.1f link %.2f: FP %d FN %d F1 %.6f review %d%n", minScore, link,
                        scores.falsePositivePairs(), scores.falseNegativePairs(), scores.f1(), variant.counts().reviewPairs());
            }
        }
    }
}
