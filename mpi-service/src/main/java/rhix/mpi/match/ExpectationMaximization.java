package rhix.mpi.match;

import java.util.EnumMap;
import java.util.Map;

/**
 * Estimates a {@link FellegiSunterModel} from unlabelled comparison vectors (Winkler's EM for record
 * linkage): no ground truth is needed, only the vectors of the candidate pairs blocking produced. The
 * vectors are counted by pattern first (at most 4^6 of them), so an iteration costs the same for a
 * thousand pairs as for a hundred million.
 */
public final class ExpectationMaximization {

    /** @param iterations how many EM steps ran; {@code converged} false when the cap stopped it */
    public record Estimate(FellegiSunterModel model, int iterations, boolean converged) {
    }

    private ExpectationMaximization() {
    }

    /**
     * @param patterns  each distinct comparison vector with the number of pairs that showed it
     * @param start     where to start (e.g. {@link FellegiSunterModel#initial()})
     * @param tolerance stop when no probability moves more than this in a step
     */
    public static Estimate estimate(Map<ComparisonVector, Long> patterns, FellegiSunterModel start, int maxIterations,
                                    double tolerance) {
        FellegiSunterModel model = start;
        for (int iteration = 1; iteration <= maxIterations; iteration++) {
            FellegiSunterModel next = step(patterns, model);
            if (largestChange(model, next) < tolerance) {
                return new Estimate(next, iteration, true);
            }
            model = next;
        }
        return new Estimate(model, maxIterations, false);
    }

    private static FellegiSunterModel step(Map<ComparisonVector, Long> patterns, FellegiSunterModel model) {
        Map<Trait, double[]> matchCounts = new EnumMap<>(Trait.class);
        Map<Trait, double[]> nonMatchCounts = new EnumMap<>(Trait.class);
        for (Trait trait : Trait.values()) {
            matchCounts.put(trait, new double[3]);
            nonMatchCounts.put(trait, new double[3]);
        }
        double expectedMatches = 0;
        double total = 0;
        for (var pattern : patterns.entrySet()) {
            ComparisonVector vector = pattern.getKey();
            double count = pattern.getValue();
            // E-step: the probability that pairs with this vector are matches, under the current model.
            double g = model.matchProbability(vector);
            expectedMatches += g * count;
            total += count;
            for (Trait trait : Trait.values()) {
                Agreement level = vector.get(trait);
                if (level == Agreement.MISSING) {
                    continue;
                }
                matchCounts.get(trait)[level.ordinal()] += g * count;
                nonMatchCounts.get(trait)[level.ordinal()] += (1 - g) * count;
            }
        }
        // M-step: the probabilities that make those expectations most likely.
        Map<Trait, FellegiSunterModel.Levels> m = new EnumMap<>(Trait.class);
        Map<Trait, FellegiSunterModel.Levels> u = new EnumMap<>(Trait.class);
        for (Trait trait : Trait.values()) {
            m.put(trait, levels(matchCounts.get(trait), model.m().get(trait)));
            u.put(trait, levels(nonMatchCounts.get(trait), model.u().get(trait)));
        }
        double prevalence = Math.min(1 - 1e-6, Math.max(1e-6, expectedMatches / total));
        return new FellegiSunterModel(m, u, prevalence);
    }

    /** A trait never present keeps its previous probabilities. */
    private static FellegiSunterModel.Levels levels(double[] counts, FellegiSunterModel.Levels previous) {
        double sum = counts[0] + counts[1] + counts[2];
        return sum == 0 ? previous : FellegiSunterModel.Levels.normalized(counts[0] / sum, counts[1] / sum, counts[2] / sum);
    }

    private static double largestChange(FellegiSunterModel a, FellegiSunterModel b) {
        double largest = Math.abs(a.matchPrevalence() - b.matchPrevalence());
        for (Trait trait : Trait.values()) {
            for (Agreement level : new Agreement[] {Agreement.AGREE, Agreement.PARTIAL, Agreement.DISAGREE}) {
                largest = Math.max(largest, Math.abs(a.m().get(trait).of(level) - b.m().get(trait).of(level)));
                largest = Math.max(largest, Math.abs(a.u().get(trait).of(level) - b.u().get(trait).of(level)));
            }
        }
        return largest;
    }
}
