package rhix.events;

import java.util.Objects;

/**
 * A command an aggregate refuses because its state does not allow it (approving a rejected application,
 * releasing into a denied exchange). The code is stable, for clients to branch on; the message says what
 * the state was and what would have been allowed. Nothing is applied when it is thrown.
 */
public class TransitionRefusedException extends RuntimeException {

    private final String code;

    public TransitionRefusedException(String code, String message) {
        super(code + ": " + message);
        this.code = Objects.requireNonNull(code, "code is null");
    }

    /** A stable code such as {@code DATA_USE_NOT_UNDER_REVIEW}. */
    public String code() {
        return code;
    }
}
