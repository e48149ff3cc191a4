package rhix.mpi.index;

import java.time.Instant;

/**
 * A grey-band match for a person to decide: is {@code record} the same person as {@code candidateEnterpriseId}
 * (whose record {@code candidateRecord} it resembled most)? Until decided, the record stands on its own identity.
 */
public record ReviewTask(long taskId, RecordKey record, String candidateEnterpriseId, RecordKey candidateRecord,
                         double score, String vector, Status status, Instant createdAt, Instant decidedAt,
                         String decidedBy, String reason) {

    public enum Status {
        OPEN,
        ACCEPTED,
        REJECTED,
        /** the question went away: the record was retracted, or linked by another decision */
        WITHDRAWN
    }
}
