package rhix.mpi.link;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import rhix.mpi.match.ComparisonVector;
import rhix.mpi.match.FellegiSunterModel;

/**
 * What a bulk linkage run decided, and the evidence for it: enough for the service to create enterprise
 * identities (one per cluster), store each link with its score and vector, and queue the review pairs.
 * Records are named by their index in the list given to {@link BulkLinker#link}.
 *
 * @param clusterOf    each record's cluster, numbered densely from 0 in order of each cluster's first record
 *                     (the array is the result's own; do not change it)
 * @param links        every pair at or above the link threshold that clustering accepted, strongest first
 * @param reviewPairs  pairs for a person to decide, strongest first
 * @param timings      wall-clock time per phase
 */
public record LinkageResult(int[] clusterOf, int clusterCount, List<Link> links, List<ReviewPair> reviewPairs,
                            ModelEstimate model, Counts counts, Map<LinkagePhase, Duration> timings) {

    public LinkageResult {
        links = List.copyOf(links);
        reviewPairs = List.copyOf(reviewPairs);
        timings = Map.copyOf(new EnumMap<>(timings));
    }

    /** Two records judged one person without review. */
    public record Link(int left, int right, double score, double matchProbability, ComparisonVector vector) {
    }

    /** Why a pair needs a person to look at it. */
    public enum ReviewReason {
        /** in the review band: likelier than chance, not likely enough to link alone */
        REVIEW_BAND,
        /** above the link threshold, but the two clusters hold valid resident IDs that are different numbers, not typos */
        CONFLICTING_RESIDENT_IDS
    }

    /** Two records, in different clusters after clustering, that may be one person. */
    public record ReviewPair(int left, int right, double score, double matchProbability, ComparisonVector vector,
                             ReviewReason reason) {
    }

    /**
     * The model the pairs were scored with.
     *
     * @param iterations EM steps run (0 when the model was supplied)
     * @param converged  false when EM stopped at its iteration cap
     * @param supplied   true when the caller's model was used instead of an estimate
     */
    public record ModelEstimate(FellegiSunterModel model, int iterations, boolean converged, boolean supplied) {

        /** The score (log2 likelihood ratio) at which this model gives {@code matchProbability}. */
        public double scoreFor(double matchProbability) {
            double prevalence = model.matchPrevalence();
            return log2(matchProbability / (1 - matchProbability)) - log2(prevalence / (1 - prevalence));
        }

        private static double log2(double x) {
            return Math.log(x) / Math.log(2);
        }
    }

    /**
     * @param blocks                 blocking keys shared by two to {@code maxBlockSize} records
     * @param oversizedBlocks        keys shared by more records than that: skipped
     * @param oversizedPairsSkipped  the pairs those blocks would have added (before removing duplicates)
     * @param candidatePairs         distinct pairs compared (a pair sharing several keys counts once)
     * @param patterns               distinct comparison vectors among them
     * @param conflictsRefused       links refused because they would join disagreeing resident IDs
     */
    public record Counts(int records, long blocks, long oversizedBlocks, long oversizedPairsSkipped, long candidatePairs,
                         int patterns, long linksAccepted, long conflictsRefused, long reviewPairs) {
    }

    public Duration totalTime() {
        return timings.values().stream().reduce(Duration.ZERO, Duration::plus);
    }
}
