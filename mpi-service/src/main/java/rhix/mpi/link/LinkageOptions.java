package rhix.mpi.link;

import java.util.Optional;
import rhix.mpi.match.FellegiSunterModel;

/**
 * How a bulk linkage run decides. Thresholds are <b>match probabilities</b> (the model's posterior that a
 * pair is one person, prevalence of matches among the candidate pairs included), not raw log2 scores: a
 * reviewer reads "0.97" without knowing the model, and the same probability keeps its meaning when the
 * traits' weights are re-estimated on another population. The score a threshold comes to under a model is
 * in {@link LinkageResult.ModelEstimate#scoreFor(double)}.
 *
 * @param linkProbability               pairs at or above this are linked automatically, if their score also
 *                                      reaches {@code minLinkScore}
 * @param minLinkScore                  the least score (log2 likelihood ratio) a link needs: where nearly every
 *                                      candidate pair is a match (a small region, tight blocks) the prevalence
 *                                      alone can lift a pair whose traits speak against a match over the
 *                                      probability threshold; 0 asks that the evidence at least lean towards one
 * @param reviewProbability             pairs in [review, link) between different clusters go to review
 * @param maxBlockSize                  blocks with more records are skipped (b(b-1)/2 pairs each): their
 *                                      records still meet through their other keys
 * @param maxEmIterations               cap on EM steps
 * @param emTolerance                   EM stops when no probability moves more than this
 * @param suppliedModel                 a model to score with instead of estimating one, or null
 * @param refuseConflictingResidentIds  never merge two clusters that both hold valid resident IDs when none
 *                                      of one's is the same as or a typo apart from one of the other's: such
 *                                      a link goes to review instead
 */
public record LinkageOptions(double linkProbability, double minLinkScore, double reviewProbability, int maxBlockSize, int maxEmIterations,
                             double emTolerance, FellegiSunterModel suppliedModel, boolean refuseConflictingResidentIds) {

    public static final double DEFAULT_LINK_PROBABILITY = 0.9;
    public static final double DEFAULT_MIN_LINK_SCORE = 0.0;
    public static final double DEFAULT_REVIEW_PROBABILITY = 0.1;
    public static final int DEFAULT_MAX_BLOCK_SIZE = 1_000;

    public LinkageOptions {
        if (!(linkProbability > 0 && linkProbability < 1)) {
            throw new IllegalArgumentException("linkProbability must be within (0, 1), was " + linkProbability);
        }
        if (Double.isNaN(minLinkScore)) {
            throw new IllegalArgumentException("minLinkScore must be a number (or -Infinity for none)");
        }
        if (!(reviewProbability > 0 && reviewProbability <= linkProbability)) {
            throw new IllegalArgumentException("reviewProbability must be within (0, linkProbability], was "
                    + reviewProbability + " with linkProbability " + linkProbability);
        }
        if (maxBlockSize < 2) {
            throw new IllegalArgumentException("maxBlockSize must be at least 2, was " + maxBlockSize);
        }
        if (maxEmIterations < 1) {
            throw new IllegalArgumentException("maxEmIterations must be at least 1, was " + maxEmIterations);
        }
        if (!(emTolerance > 0)) {
            throw new IllegalArgumentException("emTolerance must be positive, was " + emTolerance);
        }
    }

    public static LinkageOptions defaults() {
        return new LinkageOptions(DEFAULT_LINK_PROBABILITY, DEFAULT_MIN_LINK_SCORE, DEFAULT_REVIEW_PROBABILITY,
                DEFAULT_MAX_BLOCK_SIZE, 200, 1e-6, null, true);
    }

    public Optional<FellegiSunterModel> model() {
        return Optional.ofNullable(suppliedModel);
    }

    public LinkageOptions withThresholds(double link, double review) {
        return new LinkageOptions(link, minLinkScore, review, maxBlockSize, maxEmIterations, emTolerance, suppliedModel,
                refuseConflictingResidentIds);
    }

    public LinkageOptions withMinLinkScore(double score) {
        return new LinkageOptions(linkProbability, score, reviewProbability, maxBlockSize, maxEmIterations, emTolerance,
                suppliedModel, refuseConflictingResidentIds);
    }

    public LinkageOptions withMaxBlockSize(int records) {
        return new LinkageOptions(linkProbability, minLinkScore, reviewProbability, records, maxEmIterations, emTolerance,
                suppliedModel, refuseConflictingResidentIds);
    }

    public LinkageOptions withModel(FellegiSunterModel model) {
        return new LinkageOptions(linkProbability, minLinkScore, reviewProbability, maxBlockSize, maxEmIterations, emTolerance,
                model, refuseConflictingResidentIds);
    }

    public LinkageOptions withConflictingResidentIdsRefused(boolean refuse) {
        return new LinkageOptions(linkProbability, minLinkScore, reviewProbability, maxBlockSize, maxEmIterations, emTolerance,
                suppliedModel, refuse);
    }
}
