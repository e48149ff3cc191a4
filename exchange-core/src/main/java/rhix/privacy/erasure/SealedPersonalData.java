package rhix.privacy.erasure;

import java.util.Arrays;
import java.util.Objects;

/**
 * A personal value (a name, a resident ID) sealed with its person's data key, as it sits inside an event. Jackson
 * writes the byte arrays as base64. Once the person's key is erased these bytes are noise, so the event (and the
 * audit chain over it) can stay as it is.
 *
 * @param personRef  whose key sealed it: the MPI enterprise id or a local reference, never the value itself
 * @param iv         the 12-byte AES-GCM nonce, fresh for every value
 * @param ciphertext AES-256-GCM ciphertext with its 16-byte tag; the person reference is authenticated with it
 */
public record SealedPersonalData(String personRef, byte[] iv, byte[] ciphertext) {

    public SealedPersonalData {
        Objects.requireNonNull(personRef, "personRef is null");
        Objects.requireNonNull(iv, "iv is null");
        Objects.requireNonNull(ciphertext, "ciphertext is null");
        iv = iv.clone();
        ciphertext = ciphertext.clone();
    }

    @Override
    public byte[] iv() {
        return iv.clone();
    }

    @Override
    public byte[] ciphertext() {
        return ciphertext.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SealedPersonalData that
                && personRef.equals(that.personRef)
                && Arrays.equals(iv, that.iv)
                && Arrays.equals(ciphertext, that.ciphertext);
    }

    @Override
    public int hashCode() {
        return Objects.hash(personRef, Arrays.hashCode(iv), Arrays.hashCode(ciphertext));
    }

    @Override
    public String toString() {
        return "SealedPersonalData[personRef=" + personRef + ", " + ciphertext.length + " bytes]";
    }
}
