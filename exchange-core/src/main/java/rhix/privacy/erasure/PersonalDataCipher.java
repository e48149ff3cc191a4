package rhix.privacy.erasure;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

/**
 * Crypto-shredding: personal values inside events are sealed with a per-person AES-256-GCM key, and erasing that
 * key erases the values everywhere the events went (replicas, backups of the event store, exports) without
 * rewriting a single event, so the audit chain over them stays valid.
 *
 * <p>Each person's key is created on first use and stored in {@code person_data_key} wrapped (AES-GCM) by the node
 * master key, with the person reference as associated data so a wrapped key cannot be moved to another person.
 * Keys are read from the table on every call, never cached, so an erasure takes effect at once in every process.
 */
public final class PersonalDataCipher {

    private static final String GCM = "AES/GCM/NoPadding";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String VALUE_CONTEXT = "rhix-personal-data-v1|";
    private static final String KEY_CONTEXT = "rhix-person-data-key-v1|";

    private final PersonKeyTable keys;
    private final NodeMasterKey masterKey;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public PersonalDataCipher(DataSource dataSource, NodeMasterKey masterKey, Clock clock) {
        this.keys = new PersonKeyTable(Objects.requireNonNull(dataSource, "dataSource is null"));
        this.masterKey = Objects.requireNonNull(masterKey, "masterKey is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
    }

    public PersonalDataCipher(DataSource dataSource, NodeMasterKey masterKey) {
        this(dataSource, masterKey, Clock.systemUTC());
    }

    /**
     * Seals a value under the person's key, creating the key on first use.
     *
     * @throws PersonalDataErasedException when the person's data was erased
     */
    public SealedPersonalData seal(String personRef, String value) {
        checkPersonRef(personRef);
        Objects.requireNonNull(value, "value is null");
        SecretKey personKey = personKeyForSealing(personRef);
        byte[] iv = randomBytes(IV_BYTES);
        byte[] ciphertext = gcm(Cipher.ENCRYPT_MODE, personKey, iv, VALUE_CONTEXT + personRef,
                value.getBytes(StandardCharsets.UTF_8));
        return new SealedPersonalData(personRef, iv, ciphertext);
    }

    /**
     * @return the value, or {@link OpenedPersonalData.Erased} once the person's key is erased
     * @throws IllegalArgumentException when the sealed bytes were altered or moved to another person
     */
    public OpenedPersonalData open(SealedPersonalData sealed) {
        Objects.requireNonNull(sealed, "sealed is null");
        PersonKeyTable.PersonKeyRow row = read(() -> keys.find(sealed.personRef())).orElseThrow(() -> new IllegalArgumentException(
                "no data key was ever created for " + sealed.personRef() + ": the value was not sealed on this node"));
        if (row.erased()) {
            return new OpenedPersonalData.Erased(sealed.personRef(), row.erasedAt());
        }
        try {
            byte[] plaintext = gcm(Cipher.DECRYPT_MODE, unwrap(sealed.personRef(), row.wrappedKey()), sealed.iv(),
                    VALUE_CONTEXT + sealed.personRef(), sealed.ciphertext());
            return new OpenedPersonalData.Readable(new String(plaintext, StandardCharsets.UTF_8));
        } catch (AuthenticationFailed e) {
            throw new IllegalArgumentException("the sealed value of " + sealed.personRef()
                    + " does not authenticate: it was altered or sealed for another person", e);
        }
    }

    /**
     * Erases the person's key for good, keeping who, when and why. Idempotent: erasing again changes nothing and
     * returns the first erasure. A person never seen gets an erasure record too, so no key is created later.
     */
    public PersonalDataErasure erase(String personRef, String erasedBy, String reason) {
        checkPersonRef(personRef);
        Objects.requireNonNull(erasedBy, "erasedBy is null");
        Objects.requireNonNull(reason, "reason is null");
        Instant now = clock.instant();
        if (read(() -> keys.eraseKey(personRef, now, erasedBy, reason) || keys.insertErasure(personRef, now, erasedBy, reason))) {
            return new PersonalDataErasure(personRef, now, erasedBy, reason, false);
        }
        PersonKeyTable.PersonKeyRow first = read(() -> keys.find(personRef)).orElseThrow();
        if (!first.erased()) {
            // Created between our UPDATE and INSERT by a concurrent seal: erase that key.
            return erase(personRef, erasedBy, reason);
        }
        return new PersonalDataErasure(personRef, first.erasedAt(), first.erasedBy(), first.erasureReason(), true);
    }

    private SecretKey personKeyForSealing(String personRef) {
        while (true) {
            var row = read(() -> keys.find(personRef));
            if (row.isPresent()) {
                if (row.get().erased()) {
                    throw new PersonalDataErasedException(personRef);
                }
                return unwrap(personRef, row.get().wrappedKey());
            }
            SecretKey created = newPersonKey();
            if (read(() -> keys.insertKey(personRef, wrap(personRef, created), masterKey.keyId(), clock.instant()))) {
                return created;
            }
            // Another thread or process created it first: use theirs.
        }
    }

    private byte[] wrap(String personRef, SecretKey personKey) {
        byte[] iv = randomBytes(IV_BYTES);
        byte[] wrapped = gcm(Cipher.ENCRYPT_MODE, masterKey.key(), iv, KEY_CONTEXT + personRef, personKey.getEncoded());
        return ByteBuffer.allocate(IV_BYTES + wrapped.length).put(iv).put(wrapped).array();
    }

    private SecretKey unwrap(String personRef, byte[] stored) {
        try {
            byte[] keyBytes = gcm(Cipher.DECRYPT_MODE, masterKey.key(), Arrays.copyOf(stored, IV_BYTES), KEY_CONTEXT + personRef,
                    Arrays.copyOfRange(stored, IV_BYTES, stored.length));
            return new SecretKeySpec(keyBytes, "AES");
        } catch (AuthenticationFailed e) {
            throw new PersonKeyStoreException("the data key of " + personRef + " does not unwrap with master key "
                    + masterKey.keyId() + ": another node's master key, or the row was altered", e);
        }
    }

    private static byte[] gcm(int mode, SecretKey key, byte[] iv, String associatedData, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance(GCM);
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (AEADBadTagException e) {
            throw new AuthenticationFailed(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is unavailable: " + e.getMessage(), e);
        }
    }

    private static SecretKey newPersonKey() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256);
            return generator.generateKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot generate AES-256 keys", e);
        }
    }

    private byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }

    private static void checkPersonRef(String personRef) {
        Objects.requireNonNull(personRef, "personRef is null");
        if (personRef.isBlank() || personRef.length() > 255) {
            throw new IllegalArgumentException("a person reference is 1-255 characters, not blank: '" + personRef + "'");
        }
    }

    private static <T> T read(SqlCall<T> call) {
        try {
            return call.run();
        } catch (SQLException e) {
            throw new PersonKeyStoreException("person_data_key is unavailable: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface SqlCall<T> {
        T run() throws SQLException;
    }

    /** A GCM tag did not verify; the callers say which key or value it was. */
    private static final class AuthenticationFailed extends RuntimeException {
        AuthenticationFailed(AEADBadTagException cause) {
            super(cause);
        }
    }
}
