package rhix.policy.disclosure;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Hashes enterprise person ids so that {@code count(DISTINCT person)} is exact across nodes without moving
 * identifiers in the clear: every node holding the region key gives the same hash for the same person within
 * one query (the salt is the query id), so Trino can merge the nodes' hash sets; a new salt per query means
 * hashes from two queries cannot be linked, and without the region key a hash cannot be checked against a
 * guessed id.
 *
 * <p>The hash is HMAC-SHA-256(regionKey, UTF-8(salt) || 0x00 || UTF-8(value)), its first 8 bytes read as a
 * big-endian {@code long}. The 0x00 separates salt and value unambiguously, so a salt may not contain U+0000.
 * Error: two distinct persons share a 64-bit hash with probability about n²/2⁶⁵ over n persons (3×10⁻⁶ for
 * ten million), and a collision undercounts by one.
 *
 * <p>Thread-safe.
 */
public final class PersonKeyHasher {

    /** HMAC-SHA-256 keys shorter than the hash output weaken it (RFC 2104 §3). */
    public static final int MINIMUM_KEY_BYTES = 32;

    private final Mac prototype;
    /** A Mac is not thread-safe and keying one is slow next to hashing a short id: one keyed copy per thread. */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::copyOfPrototype);

    /** @param regionKey the region's secret, at least {@value #MINIMUM_KEY_BYTES} random bytes; copied */
    public PersonKeyHasher(byte[] regionKey) {
        Objects.requireNonNull(regionKey, "regionKey is null");
        if (regionKey.length < MINIMUM_KEY_BYTES) {
            throw new IllegalArgumentException("the region key must have at least " + MINIMUM_KEY_BYTES
                    + " bytes, had " + regionKey.length);
        }
        try {
            prototype = Mac.getInstance("HmacSHA256");
            prototype.init(new SecretKeySpec(regionKey.clone(), "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is not available in this JDK", e);
        }
    }

    /**
     * HMAC-SHA256(regionKey, salt || 0x00 || value) truncated to 64 bits.
     *
     * @param salt  the query id: the same on every node for one query, different across queries
     * @param value the enterprise person id
     */
    public long hash(String salt, String value) {
        Objects.requireNonNull(salt, "salt is null");
        Objects.requireNonNull(value, "value is null");
        if (salt.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a salt may not contain U+0000, which separates it from the value");
        }
        byte[] saltBytes = salt.getBytes(StandardCharsets.UTF_8);
        byte[] valueBytes = value.getBytes(StandardCharsets.UTF_8);
        // Nothing between the first update and doFinal (which resets the Mac) can fail, so a thread's Mac
        // never keeps half a message.
        Mac mac = macs.get();
        mac.update(saltBytes);
        mac.update((byte) 0);
        mac.update(valueBytes);
        return ByteBuffer.wrap(mac.doFinal()).getLong();
    }

    private Mac copyOfPrototype() {
        try {
            synchronized (prototype) {
                return (Mac) prototype.clone();
            }
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the HMAC-SHA-256 provider cannot clone a keyed Mac", e);
        }
    }
}
