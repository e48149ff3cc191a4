package rhix.audit.chain;

import java.time.Duration;
import java.util.Objects;

/**
 * How the chainer works through the event store.
 *
 * @param batchSize links appended per transaction
 * @param gapWait   how long a hole in globalIndex may stay open before it is taken for a rolled-back sequence value
 *                  and skipped. Identity values are handed out at INSERT and become visible at COMMIT, so a hole is
 *                  usually a transaction still in flight; it must exceed the longest event-store transaction, or a
 *                  slow commit lands behind the chain and the verifier reports it as an unlinked event.
 */
public record AuditChainSettings(int batchSize, Duration gapWait) {

    public static final int DEFAULT_BATCH_SIZE = 1_000;
    public static final Duration DEFAULT_GAP_WAIT = Duration.ofSeconds(10);

    public AuditChainSettings {
        Objects.requireNonNull(gapWait, "gapWait is null");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1: " + batchSize);
        }
        if (gapWait.isNegative()) {
            throw new IllegalArgumentException("gapWait must not be negative: " + gapWait);
        }
    }

    public static AuditChainSettings defaults() {
        return new AuditChainSettings(DEFAULT_BATCH_SIZE, DEFAULT_GAP_WAIT);
    }
}
