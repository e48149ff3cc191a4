package rhix.node.audit;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import rhix.region.NodeId;

/**
 * {@code rhix.node.audit.*}: the node's hash-chained audit trail over its event store and its crypto-shredding keys.
 *
 * @param signingKey         PEM file with the node's Ed25519 key (PKCS#8 private + X.509 public block). Unset: the
 *                           node uses {@code <key-directory>/audit-signing-key.pem}, generating it on first start.
 *                           Set but unreadable: the node does not start
 * @param masterKey          base64 file with the node's AES-256 master key that wraps every person's data key. Unset:
 *                           {@code <key-directory>/master.key}, generated on first start. Set but unreadable: no start
 * @param keyDirectory       where generated keys go (default {@code data/keys/<node-id>} under the working directory,
 *                           so they outlive a reboot, unlike java.io.tmpdir: a new signing key would make every
 *                           earlier checkpoint unverifiable and a new master key would open no one's data)
 * @param chainInterval      how often new events are linked into the chain (default 2s)
 * @param checkpointInterval a checkpoint is signed at every multiple of this many links (default 1000)
 * @param checkpointEvery    the head is signed when it has unsigned links and nothing was signed for this long
 *                           (default 1m): bounds the unsigned tail in time, not only in links
 * @param gapWait            how long a hole in globalIndex may stay open before the chainer skips it (default 10s);
 *                           must exceed the longest event-store transaction
 */
@ConfigurationProperties("rhix.node.audit")
public record AuditConfiguration(@Nullable Path signingKey,
                                 @Nullable Path masterKey,
                                 @Nullable Path keyDirectory,
                                 @NotNull @Bindable(defaultValue = "2s") Duration chainInterval,
                                 @Bindable(defaultValue = "1000") int checkpointInterval,
                                 @NotNull @Bindable(defaultValue = "1m") Duration checkpointEvery,
                                 @NotNull @Bindable(defaultValue = "10s") Duration gapWait) {

    public static final String SIGNING_KEY_FILE = "audit-signing-key.pem";
    public static final String PUBLIC_KEY_FILE = "audit-signing-key.pub.pem";
    public static final String MASTER_KEY_FILE = "master.key";

    public AuditConfiguration {
        requirePositive("chain-interval", chainInterval);
        requirePositive("checkpoint-every", checkpointEvery);
        if (checkpointInterval < 1) {
            throw new IllegalArgumentException("rhix.node.audit.checkpoint-interval must be at least 1 link: " + checkpointInterval);
        }
        if (gapWait == null || gapWait.isNegative()) {
            throw new IllegalArgumentException("rhix.node.audit.gap-wait must not be negative: " + gapWait);
        }
    }

    /** The configured directory, or {@code data/keys/<node-id>} under the working directory. */
    public Path keyDirectoryFor(NodeId node) {
        return keyDirectory != null ? keyDirectory : Path.of("data", "keys", node.value());
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException("rhix.node.audit." + name + " must be positive: " + value);
        }
    }
}
