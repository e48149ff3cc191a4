package rhix.policy;

import java.util.Optional;

/**
 * Where tokens for {@link Deidentification#TOKENISE} live: the same value of the same kind always gets
 * the same random token, and only the vault can go back from a token to the value. Each node keeps its
 * vault in its own store, so a token can be resolved only where the data came from (raw data stays in
 * its domain); {@link InMemoryTokenVault} is for tests and tools.
 */
public interface TokenVault {

    /** The token for {@code value}, created at random the first time it is asked for. */
    String tokenFor(ValueKind kind, String value);

    /** The value a token stands for, when this vault issued it. */
    Optional<String> valueOf(String token);
}
