package rhix.privacy.erasure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The node's AES-256 key that wraps every person's data key. It never sits in the database: a database copy alone
 * opens nothing. On disk it is a file holding the 32 key bytes in base64 ({@code openssl rand -base64 32}).
 */
public record NodeMasterKey(SecretKey key) {

    private static final int KEY_BYTES = 32;

    public NodeMasterKey {
        Objects.requireNonNull(key, "key is null");
        if (!"AES".equals(key.getAlgorithm()) || key.getEncoded() == null || key.getEncoded().length != KEY_BYTES) {
            throw new IllegalArgumentException("the node master key must be a 256-bit AES key");
        }
    }

    public static NodeMasterKey generate() {
        byte[] bytes = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(bytes);
        return new NodeMasterKey(new SecretKeySpec(bytes, "AES"));
    }

    public static NodeMasterKey load(Path base64File) throws IOException {
        try {
            byte[] bytes = Base64.getDecoder().decode(Files.readString(base64File, StandardCharsets.US_ASCII).strip());
            return new NodeMasterKey(new SecretKeySpec(bytes, "AES"));
        } catch (IllegalArgumentException e) {
            throw new IOException(base64File + " does not hold a base64 256-bit key (openssl rand -base64 32): " + e.getMessage(), e);
        }
    }

    /** The first 16 hex digits of SHA-256 over the key: stored with each wrapped key, so a rotation knows which key wrapped it. */
    public String keyId() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()), 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    public String toBase64() {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    /** Never prints the key. */
    @Override
    public String toString() {
        return "NodeMasterKey[keyId=" + keyId() + "]";
    }
}
