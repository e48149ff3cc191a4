package rhix.fhir.facade.security;

/** A bearer token that cannot be trusted: the message says why, and is safe to show the client. */
public final class InvalidTokenException extends Exception {

    public InvalidTokenException(String message, Throwable cause) {
        super(message, cause);
    }

    public InvalidTokenException(String message) {
        super(message);
    }
}
