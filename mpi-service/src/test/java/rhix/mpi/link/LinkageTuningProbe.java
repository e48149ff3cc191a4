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
        GeneratedPopulation population = GeneratedPopulation.generate(RegionSpec.of(persons));
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
        System.out.println(LinkageDiagnostics.describe(population, result, 25));
    }
}
