package rhix.policy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Applies a {@link Protection} to one value of a known {@link ValueKind}, with the secrets of one
 * grant: the HMAC key for {@link Deidentification#HASH}, the node's {@link TokenVault} for
 * {@link Deidentification#TOKENISE} and, when the grant has one, the recipient's AES key for
 * {@link Deidentification#ENCRYPT}.
 *
 * <ul>
 *   <li>NONE: the value as stored.</li>
 *   <li>SUPPRESS: {@code null}.</li>
 *   <li>MASK: see {@link Masking} (张三丰 → 张**, 13812345678 → 138****5678).</li>
 *   <li>GENERALISE: see {@link Generalising} (dates, ages, division codes, ICD-10 codes, numbers).</li>
 *   <li>HASH: lower-case hex HMAC-SHA-256 of {@code kind:value} under the grant's key: equal values give equal
 *       hashes within a grant, so a researcher can join a person's rows, and different hashes across grants,
 *       so two grants cannot be joined. Resident IDs are upper-cased first (a lower-case x is the same ID).</li>
 *   <li>TOKENISE: the vault's random token for the value; only the node's vault can reverse it.</li>
 *   <li>ENCRYPT: AES-256-GCM for the recipient, see {@link RecipientCipher}.</li>
 * </ul>
 * A missing value ({@code null}) stays missing under every method. A method that makes no sense for the
 * kind (GENERALISE a name, MASK a date) is refused with an {@link IllegalArgumentException}.
 */
public final class Deidentifier {

    /** HMAC-SHA-256 keys shorter than the hash output weaken it (RFC 2104 §3). */
    private static final int MINIMUM_HASH_KEY_BYTES = 32;

    private final SecretKeySpec hashKey;
    private final TokenVault vault;
    private final Optional<RecipientCipher> recipient;

    /**
     * @param grantHashKey at least 32 random bytes, one key per grant
     * @param vault        the node's token vault
     * @param recipientKey the recipient's AES-256 key, or {@code null} when the grant has none (ENCRYPT is then refused)
     */
    public Deidentifier(byte[] grantHashKey, TokenVault vault, SecretKey recipientKey) {
        Objects.requireNonNull(grantHashKey, "grantHashKey is null");
        if (grantHashKey.length < MINIMUM_HASH_KEY_BYTES) {
            throw new IllegalArgumentException("a grant's hash key must have at least " + MINIMUM_HASH_KEY_BYTES
                    + " bytes, had " + grantHashKey.length);
        }
        this.hashKey = new SecretKeySpec(grantHashKey.clone(), "HmacSHA256");
        this.vault = Objects.requireNonNull(vault, "vault is null");
        this.recipient = Optional.ofNullable(recipientKey).map(RecipientCipher::new);
    }

    /** The released form of {@code value}; {@code null} when suppressed or missing. */
    public String apply(Protection protection, ValueKind kind, String value) {
        Objects.requireNonNull(protection, "protection is null");
        Objects.requireNonNull(kind, "kind is null");
        Deidentification method = protection.method();
        if (!kind.accepts(method)) {
            throw new IllegalArgumentException(method + " does not apply to " + kind + " values");
        }
        if (value == null) {
            return null;
        }
        return switch (method) {
            case NONE -> value;
            case SUPPRESS -> null;
            case MASK -> Masking.mask(kind, value);
            case GENERALISE -> Generalising.generalise(kind, protection.generalisation(), value);
            case HASH -> hash(kind, value);
            case TOKENISE -> vault.tokenFor(kind, value);
            case ENCRYPT -> recipient
                    .orElseThrow(() -> new IllegalStateException("ENCRYPT needs a recipient key, and this grant has none"))
                    .encrypt(value);
        };
    }

    /** For the methods that take no parameter; GENERALISE needs {@link #apply(Protection, ValueKind, String)}. */
    public String apply(Deidentification method, ValueKind kind, String value) {
        return apply(Protection.of(method), kind, value);
    }

    private String hash(ValueKind kind, String value) {
        String normalised = kind == ValueKind.RESIDENT_ID ? value.strip().toUpperCase(Locale.ROOT) : value;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(hashKey);
            return HexFormat.of().formatHex(mac.doFinal((kind + ":" + normalised).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is not available in this JDK", e);
        }
    }
}
