package rhix.policy;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link TokenVault} in memory, for tests and tools; a node keeps its vault in its own database. */
public final class InMemoryTokenVault implements TokenVault {

    /** 128 random bits: tokens cannot be guessed, and collisions are negligible. */
    private static final int TOKEN_BYTES = 16;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, String> tokensByValue = new ConcurrentHashMap<>();
    private final Map<String, String> valuesByToken = new ConcurrentHashMap<>();

    @Override
    public String tokenFor(ValueKind kind, String value) {
        // The kind is part of the key so that a phone number and an ID that happen to be equal differ.
        return tokensByValue.computeIfAbsent(kind + ":" + value, key -> {
            String token = newToken();
            valuesByToken.put(token, value);
            return token;
        });
    }

    @Override
    public Optional<String> valueOf(String token) {
        return Optional.ofNullable(valuesByToken.get(token));
    }

    private String newToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return "tok_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
