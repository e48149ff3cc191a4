package rhix.mpi.index;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * A record's membership of an enterprise identity, with the evidence: the score and comparison vector
 * against the record it matched best ({@code matched}), none for the first record of an identity.
 */
@Serdeable
public record Link(RecordKey record, String enterpriseId, Method method, Double score, String vector, RecordKey matched,
                   Instant linkedAt) {

    /** How the link was decided. */
    public enum Method {
        /** the first record of a new identity */
        FIRST,
        /** matched on arrival above the link threshold */
        AUTOMATIC,
        /** linked by a bulk linkage run */
        BULK,
        /** a reviewer accepted a grey-band match */
        REVIEWED,
        /** moved by a merge of identities */
        MERGED
    }
}
