package rhix.node.audit;

/**
 * The person's key is erased but the erasure event could not be appended. Repeating the request completes the record
 * (both halves are idempotent), which the 503 answer invites.
 */
public final class ErasureNotRecordedException extends RuntimeException {

    public ErasureNotRecordedException(String personRef, Throwable cause) {
        super("the data of " + personRef + " is erased, but the erasure could not be recorded in the event store"
                + (cause == null ? "" : " (" + cause.getMessage() + ")") + "; repeat the request to record it", cause);
    }
}
