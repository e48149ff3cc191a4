package rhix.mpi.index;

/**
 * A request the index will not carry out, and why, in words for the caller. Nothing has been written
 * when it is thrown. The APIs turn {@link Kind} into their own status (gRPC, HTTP, FHIR OperationOutcome).
 */
public final class IndexRefusal extends RuntimeException {

    public enum Kind {
        /** the request itself is wrong: a missing field, an unreadable value */
        INVALID,
        /** it names something the index does not have */
        NOT_FOUND,
        /** it contradicts the current state: merging a retired identity, deciding a closed task */
        CONFLICT
    }

    private final Kind kind;

    public IndexRefusal(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
