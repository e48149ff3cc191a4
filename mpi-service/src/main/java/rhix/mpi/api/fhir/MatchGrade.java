package rhix.mpi.api.fhir;

import rhix.mpi.index.MatchingPolicy;

/**
 * FHIR's match grades ({@code http://hl7.org/fhir/StructureDefinition/match-grade}, value set
 * {@code match-grade}) from the index's own thresholds, so that a grade means what the index would do
 * with the pair:
 * <ul>
 *   <li>{@code certain}: at or above the link threshold, where the index links records without asking anyone;</li>
 *   <li>{@code probable}: the upper half of the review band (review threshold up to the link threshold);</li>
 *   <li>{@code possible}: the lower half of the review band;</li>
 *   <li>{@code certainly-not}: below the review threshold, where the index keeps records apart. {@code $match}
 *       never returns these: the index does not report them as candidates.</li>
 * </ul>
 * The band is split at its midpoint in score units (log2 likelihood ratio), i.e. at the geometric mean of
 * the two thresholds' odds.
 */
enum MatchGrade {
    CERTAIN("certain"),
    PROBABLE("probable"),
    POSSIBLE("possible"),
    CERTAINLY_NOT("certainly-not");

    static final String EXTENSION_URL = "http://hl7.org/fhir/StructureDefinition/match-grade";

    private final String code;

    MatchGrade(String code) {
        this.code = code;
    }

    String code() {
        return code;
    }

    static MatchGrade of(double score, MatchingPolicy policy) {
        if (score >= policy.linkThreshold()) {
            return CERTAIN;
        }
        if (score < policy.reviewThreshold()) {
            return CERTAINLY_NOT;
        }
        double midpoint = (policy.reviewThreshold() + policy.linkThreshold()) / 2;
        return score >= midpoint ? PROBABLE : POSSIBLE;
    }
}
