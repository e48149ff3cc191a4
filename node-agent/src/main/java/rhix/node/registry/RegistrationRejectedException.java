package rhix.node.registry;

/** A registration that breaks the tree's rules; the message names the field and the rule. */
public final class RegistrationRejectedException extends Exception {

    public RegistrationRejectedException(String message) {
        super(message);
    }
}
