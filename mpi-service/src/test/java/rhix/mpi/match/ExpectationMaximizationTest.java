package rhix.mpi.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** EM recovers a model it did not see from the comparison vectors that model generates. */
class ExpectationMaximizationTest {

    @Test
    void recoversTheMAndUProbabilitiesAndThePrevalenceFromUnlabelledPairs() {
        FellegiSunterModel truth = truth();
        Map<ComparisonVector, Long> patterns = sample(truth, 200_000, new SplittableRandom(11));

        ExpectationMaximization.Estimate estimate = ExpectationMaximization.estimate(patterns, FellegiSunterModel.initial(), 500, 1e-7);

        assertThat(estimate.converged()).isTrue();
        assertThat(estimate.model().matchPrevalence()).isCloseTo(truth.matchPrevalence(), within(0.005));
        for (Trait trait : Trait.values()) {
            for (Agreement level : new Agreement[] {Agreement.AGREE, Agreement.PARTIAL, Agreement.DISAGREE}) {
                assertThat(estimate.model().m().get(trait).of(level)).as("m %s %s", trait, level)
                        .isCloseTo(truth.m().get(trait).of(level), within(0.02));
                assertThat(estimate.model().u().get(trait).of(level)).as("u %s %s", trait, level)
                        .isCloseTo(truth.u().get(trait).of(level), within(0.02));
            }
        }
    }

    @Test
    void anAgreeingIdNumberWeighsMoreThanAPartialOneAndADisagreementWeighsAgainst() {
        FellegiSunterModel model = truth();

        assertThat(model.weight(Trait.RESIDENT_ID, Agreement.AGREE)).isGreaterThan(model.weight(Trait.RESIDENT_ID, Agreement.PARTIAL));
        assertThat(model.weight(Trait.RESIDENT_ID, Agreement.PARTIAL)).isPositive();
        assertThat(model.weight(Trait.RESIDENT_ID, Agreement.DISAGREE)).isNegative();
        assertThat(model.weight(Trait.RESIDENT_ID, Agreement.MISSING)).isZero();
    }

    private static FellegiSunterModel truth() {
        Map<Trait, FellegiSunterModel.Levels> m = new EnumMap<>(Trait.class);
        Map<Trait, FellegiSunterModel.Levels> u = new EnumMap<>(Trait.class);
        m.put(Trait.RESIDENT_ID, new FellegiSunterModel.Levels(0.90, 0.06, 0.04));
        u.put(Trait.RESIDENT_ID, new FellegiSunterModel.Levels(0.001, 0.004, 0.995));
        m.put(Trait.NAME, new FellegiSunterModel.Levels(0.80, 0.15, 0.05));
        u.put(Trait.NAME, new FellegiSunterModel.Levels(0.01, 0.04, 0.95));
        m.put(Trait.BIRTH_DATE, new FellegiSunterModel.Levels(0.92, 0.05, 0.03));
        u.put(Trait.BIRTH_DATE, new FellegiSunterModel.Levels(0.02, 0.03, 0.95));
        m.put(Trait.GENDER, new FellegiSunterModel.Levels(0.98, 0.00001, 0.01999));
        u.put(Trait.GENDER, new FellegiSunterModel.Levels(0.50, 0.00001, 0.49999));
        m.put(Trait.PHONE, new FellegiSunterModel.Levels(0.70, 0.10, 0.20));
        u.put(Trait.PHONE, new FellegiSunterModel.Levels(0.002, 0.008, 0.99));
        m.put(Trait.DIVISION, new FellegiSunterModel.Levels(0.75, 0.15, 0.10));
        u.put(Trait.DIVISION, new FellegiSunterModel.Levels(0.20, 0.30, 0.50));
        return new FellegiSunterModel(m, u, 0.08);
    }

    /** Pairs drawn from the model itself: a match with the prevalence, then each trait's level from m or u. */
    private static Map<ComparisonVector, Long> sample(FellegiSunterModel model, int pairs, SplittableRandom random) {
        Map<ComparisonVector, Long> patterns = new HashMap<>();
        for (int i = 0; i < pairs; i++) {
            boolean match = random.nextDouble() < model.matchPrevalence();
            Map<Trait, Agreement> agreements = new EnumMap<>(Trait.class);
            for (Trait trait : Trait.values()) {
                FellegiSunterModel.Levels levels = (match ? model.m() : model.u()).get(trait);
                double draw = random.nextDouble();
                agreements.put(trait, draw < levels.agree() ? Agreement.AGREE
                        : draw < levels.agree() + levels.partial() ? Agreement.PARTIAL : Agreement.DISAGREE);
            }
            patterns.merge(new ComparisonVector(agreements), 1L, Long::sum);
        }
        return patterns;
    }
}
