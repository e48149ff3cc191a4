package rhix.mpi.index;

import java.time.Instant;

/**
 * One person across the region. A {@link Status#MERGED} identity is kept, retired, pointing at the one that
 * replaced it, so ids handed out before the merge still resolve.
 */
public record EnterpriseIdentity(String enterpriseId, Status status, String mergedInto, GoldenRecord golden,
                                 int recordCount, int version, Instant createdAt, Instant updatedAt) {

    public enum Status {
        ACTIVE,
        MERGED
    }
}
