package rhix.policy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM with a key the recipient holds, for {@link Deidentification#ENCRYPT}. A value is
 * released as base64url(IV ‖ ciphertext ‖ tag): a fresh 12-byte IV per value (GCM must never reuse one
 * under a key), and the 128-bit tag makes any change to the released text fail decryption.
 */
public final class RecipientCipher {

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey key;

    public RecipientCipher(SecretKey key) {
        this.key = Objects.requireNonNull(key, "key is null");
        if (!"AES".equals(key.getAlgorithm()) || key.getEncoded() == null || key.getEncoded().length != 32) {
            throw new IllegalArgumentException("the recipient key must be a 256-bit AES key");
        }
    }

    /** A new random 256-bit AES key, e.g. for a grant's recipient. */
    public static SecretKey newKey() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256, RANDOM);
            return generator.generateKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256 is not available in this JDK", e);
        }
    }

    public String encrypt(String plaintext) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] released = new byte[IV_BYTES + sealed.length];
            System.arraycopy(iv, 0, released, 0, IV_BYTES);
            System.arraycopy(sealed, 0, released, IV_BYTES, sealed.length);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(released);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /** The recipient's side: refused when the text was not sealed with this key or was altered. */
    public String decrypt(String released) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(released);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an encrypted value: not base64url", e);
        }
        if (bytes.length < IV_BYTES + TAG_BITS / 8) {
            throw new IllegalArgumentException("not an encrypted value: too short for IV and tag");
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
            return new String(cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new IllegalArgumentException("encrypted value does not verify: wrong key or altered", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed", e);
        }
    }
}
