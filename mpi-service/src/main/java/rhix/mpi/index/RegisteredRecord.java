package rhix.mpi.index;

import java.time.Instant;
import rhix.mpi.match.IdentityRecord;

/**
 * A local record as the MPI holds it: the traits it matches on and where the record lives.
 *
 * @param producerId            the hospital (organization code) the record came from
 * @param localIdentifierSystem the hospital's patient-number system (a PIXm domain), with its value
 * @param registeredAt          when the node last registered these traits
 */
public record RegisteredRecord(IdentityRecord traits, String producerId, String localIdentifierSystem,
                               String localIdentifierValue, Instant registeredAt) {

    public RecordKey key() {
        return new RecordKey(traits.nodeId(), traits.localId());
    }
}
