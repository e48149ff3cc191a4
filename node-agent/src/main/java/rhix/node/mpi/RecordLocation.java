package rhix.node.mpi;

import java.util.List;
import java.util.Objects;

/** What the MPI's record locator answered about one person: where their records are, or why it could not say. */
public sealed interface RecordLocation {

    /**
     * The person's enterprise identity and every local record linked to it, this node's included.
     *
     * @param records each holding node with its local Patient ids
     */
    record Located(String enterpriseId, List<LocatedRecord> records) implements RecordLocation {
        public Located {
            Objects.requireNonNull(enterpriseId, "enterpriseId is null");
            records = List.copyOf(records);
        }
    }

    /** The MPI answered, but knows no such person (NOT_FOUND) or refused the question. */
    record Unknown(String reason) implements RecordLocation {
        public Unknown {
            Objects.requireNonNull(reason, "reason is null");
        }
    }

    /** The MPI could not be asked: not configured, down, or slower than the deadline. */
    record Unreachable(String reason) implements RecordLocation {
        public Unreachable {
            Objects.requireNonNull(reason, "reason is null");
        }
    }

    /** One local record: a node and its own Patient id. */
    record LocatedRecord(String nodeId, String localId) {
    }
}
