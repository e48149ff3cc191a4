package rhix.privacy.erasure;

/** The person_data_key table could not be read or written, or a stored key could not be unwrapped with the master key. */
public final class PersonKeyStoreException extends RuntimeException {

    public PersonKeyStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
