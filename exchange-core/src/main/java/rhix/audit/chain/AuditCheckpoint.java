package rhix.audit.chain;

import java.time.Instant;
import java.util.Objects;

/**
 * A signed statement that the chain of a node had {@code linkHash} at {@code position}.
 *
 * @param signature base64 of the {@code algorithm} signature over {@link CheckpointStatement#bytesToSign()}
 */
public record AuditCheckpoint(long position, String linkHash, Instant signedAt, String keyId, String algorithm,
                              String signature) {

    public AuditCheckpoint {
        Objects.requireNonNull(linkHash, "linkHash is null");
        Objects.requireNonNull(signedAt, "signedAt is null");
        Objects.requireNonNull(keyId, "keyId is null");
        Objects.requireNonNull(algorithm, "algorithm is null");
        Objects.requireNonNull(signature, "signature is null");
    }
}
