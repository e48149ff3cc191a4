package rhix.terminology.client;

/** The terminology server did not answer (down, timed out, 5xx) and nothing usable was cached. */
public class TerminologyUnavailableException extends RuntimeException {

    public TerminologyUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
