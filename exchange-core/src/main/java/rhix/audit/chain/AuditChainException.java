package rhix.audit.chain;

/** The audit chain's database could not be read or written; the chain itself is unchanged. */
public final class AuditChainException extends RuntimeException {

    public AuditChainException(String message, Throwable cause) {
        super(message, cause);
    }
}
