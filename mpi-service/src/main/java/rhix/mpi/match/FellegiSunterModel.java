package rhix.mpi.match;

import java.util.EnumMap;
import java.util.Map;

/**
 * The Fellegi–Sunter model of record linkage: for every trait, how likely each agreement level is among
 * pairs of records of the same person ({@code m}) and among pairs of different people ({@code u}), and
 * how common true matches are among the pairs compared ({@code matchPrevalence}). A level's weight is
 * log2(m/u); a pair's score is the sum over its present traits. Traits are assumed independent given
 * the match status, as the model does.
 */
public record FellegiSunterModel(Map<Trait, Levels> m, Map<Trait, Levels> u, double matchPrevalence) {

    /** Probabilities of the three present levels; they sum to 1. */
    public record Levels(double agree, double partial, double disagree) {

        public double of(Agreement agreement) {
            return switch (agreement) {
                case AGREE -> agree;
                case PARTIAL -> partial;
                case DISAGREE -> disagree;
                case MISSING -> 1.0;
            };
        }

        static Levels normalized(double agree, double partial, double disagree) {
            double floor = 1e-6;
            double a = Math.max(floor, agree);
            double p = Math.max(floor, partial);
            double d = Math.max(floor, disagree);
            double sum = a + p + d;
            return new Levels(a / sum, p / sum, d / sum);
        }
    }

    public FellegiSunterModel {
        m = Map.copyOf(m);
        u = Map.copyOf(u);
    }

    /** A starting point for estimation: agreement much likelier among matches than among non-matches. */
    public static FellegiSunterModel initial() {
        Map<Trait, Levels> m = new EnumMap<>(Trait.class);
        Map<Trait, Levels> u = new EnumMap<>(Trait.class);
        for (Trait trait : Trait.values()) {
            m.put(trait, Levels.normalized(0.85, 0.10, 0.05));
            u.put(trait, Levels.normalized(0.10, 0.05, 0.85));
        }
        return new FellegiSunterModel(m, u, 0.1);
    }

    public double weight(Trait trait, Agreement agreement) {
        return agreement == Agreement.MISSING ? 0.0 : log2(m.get(trait).of(agreement) / u.get(trait).of(agreement));
    }

    /** The sum of the present traits' weights: the higher, the likelier one person. */
    public double score(ComparisonVector vector) {
        double score = 0;
        for (Trait trait : Trait.values()) {
            score += weight(trait, vector.get(trait));
        }
        return score;
    }

    /** The posterior probability that the pair is one person, given the prevalence of matches. */
    public double matchProbability(ComparisonVector vector) {
        double odds = Math.pow(2, score(vector)) * matchPrevalence / (1 - matchPrevalence);
        return odds / (1 + odds);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
