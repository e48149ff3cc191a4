package rhix.node.registry;

/**
 * A registration or heartbeat that breaks the tree's rules; the message names the offending field
 * (as spelled in {@code rhix.node.v1}) and the rule, because it is shown to the sending node's operator.
 */
public final class RegistryRequestRejectedException extends Exception {

    public RegistryRequestRejectedException(String message) {
        super(message);
    }
}
