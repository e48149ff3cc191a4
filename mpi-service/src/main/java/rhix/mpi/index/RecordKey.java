package rhix.mpi.index;

import io.micronaut.serde.annotation.Serdeable;
import java.util.Objects;

/** A node's local patient: what the region calls a record. */
@Serdeable
public record RecordKey(String nodeId, String localId) {

    public RecordKey {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(localId, "localId");
    }

    @Override
    public String toString() {
        return nodeId + "/" + localId;
    }
}
