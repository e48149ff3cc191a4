package rhix.mpi.index;

import rhix.mpi.match.ComparisonVector;
import rhix.mpi.match.FellegiSunterModel;

/**
 * The model and thresholds that decide links, in score units (log2 of the likelihood ratio m/u summed
 * over traits): at or above {@code linkThreshold} a record is linked automatically; from
 * {@code reviewThreshold} up to it a person decides; below it the record stands alone.
 *
 * @param modelId the {@code match_model} row it came from, 0 for the built-in default
 * @param source  {@code DEFAULT}, {@code EM} (estimated from the data) or {@code OVERRIDE} (set by an administrator)
 */
public record MatchingPolicy(FellegiSunterModel model, double linkThreshold, double reviewThreshold, long modelId,
                             String source) {

    public MatchingPolicy {
        if (reviewThreshold > linkThreshold) {
            throw new IndexRefusal(IndexRefusal.Kind.INVALID, "the review threshold (" + reviewThreshold
                    + ") must not be above the link threshold (" + linkThreshold + ")");
        }
    }

    public double score(ComparisonVector vector) {
        return model.score(vector);
    }

    public Decision decide(double score) {
        if (score >= linkThreshold) {
            return Decision.LINK;
        }
        return score >= reviewThreshold ? Decision.REVIEW : Decision.DISTINCT;
    }

    public enum Decision {
        LINK,
        REVIEW,
        DISTINCT
    }
}
