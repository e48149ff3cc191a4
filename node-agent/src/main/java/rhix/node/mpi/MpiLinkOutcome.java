package rhix.node.mpi;

import rhix.api.mpi.v1.LinkOutcome;

/**
 * How the MPI linked a registered patient, as the node stores it: kept apart from the API enum so the
 * stored values do not change when the contract grows.
 */
public enum MpiLinkOutcome {
    LINKED,
    NEW_IDENTITY,
    REVIEW,
    /** stored by the MPI unmatched, for its next bulk linkage run (the node never asks for this today) */
    DEFERRED,
    /** An answer this node's contract version does not know. */
    OTHER;

    static MpiLinkOutcome of(LinkOutcome outcome) {
        return switch (outcome) {
            case LINK_OUTCOME_LINKED -> LINKED;
            case LINK_OUTCOME_NEW_IDENTITY -> NEW_IDENTITY;
            case LINK_OUTCOME_REVIEW -> REVIEW;
            case LINK_OUTCOME_DEFERRED -> DEFERRED;
            case LINK_OUTCOME_UNSPECIFIED, UNRECOGNIZED -> OTHER;
        };
    }
}
