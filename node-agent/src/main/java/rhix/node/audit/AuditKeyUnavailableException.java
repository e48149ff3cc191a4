package rhix.node.audit;

/** A key the node's audit trail or erasure needs cannot be read or written: the node does not start without it. */
public final class AuditKeyUnavailableException extends IllegalStateException {

    public AuditKeyUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
