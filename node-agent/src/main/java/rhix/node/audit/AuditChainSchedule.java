package rhix.node.audit;

import io.micronaut.context.annotation.Context;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.metrics.LongCounter;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rhix.audit.chain.AuditChainer;
import rhix.audit.chain.AuditCheckpoint;
import rhix.audit.chain.CheckpointSigner;
import rhix.node.NodeConfiguration;

/**
 * Keeps the node's audit chain up with its event store: every {@code chain-interval} it links the new events, signs
 * the checkpoints due by count ({@code checkpoint-interval}) and, when nothing was signed for {@code
 * checkpoint-every}, the head, so the unsigned tail is bounded in time too. Started with the node ({@link Context}),
 * so a node that cannot read its configured signing key does not start at all.
 *
 * <p>A failed run (database away, a lock timeout) is logged and the next run tries again: the schedule never dies.
 * At shutdown the last events are linked and the head is signed.
 */
@Context
public class AuditChainSchedule implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AuditChainSchedule.class);

    private final AuditChainer chainer;
    private final CheckpointSigner signer;
    private final AuditConfiguration configuration;
    private final NodeConfiguration node;
    private final Clock clock;
    private final LongCounter linksCounter;
    private final LongCounter checkpointsCounter;
    private final LongCounter failuresCounter;
    private final ScheduledExecutorService executor;
    private Instant lastSignedAt;

    public AuditChainSchedule(AuditChainer chainer, CheckpointSigner signer, AuditConfiguration configuration,
                              NodeConfiguration node, Clock clock, OpenTelemetry openTelemetry) {
        this.chainer = chainer;
        this.signer = signer;
        this.configuration = configuration;
        this.node = node;
        this.clock = clock;
        var meter = openTelemetry.getMeter("rhix.node.audit");
        this.linksCounter = meter.counterBuilder("rhix.audit.chain.links")
                .setDescription("Events linked into the audit chain").setUnit("{link}").build();
        this.checkpointsCounter = meter.counterBuilder("rhix.audit.chain.checkpoints")
                .setDescription("Checkpoints signed over the audit chain").setUnit("{checkpoint}").build();
        this.failuresCounter = meter.counterBuilder("rhix.audit.chain.failures")
                .setDescription("Chainer runs that failed and will be retried").setUnit("{run}").build();
        this.lastSignedAt = clock.instant();
        this.executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("audit-chainer").factory());
        long intervalMillis = configuration.chainInterval().toMillis();
        executor.scheduleWithFixedDelay(this::runSafely, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    /** One run: link what is pending, sign what is due; the work the schedule repeats. */
    public synchronized void run() {
        linkAndSignDue();
        Instant now = clock.instant();
        if (!now.isBefore(lastSignedAt.plus(configuration.checkpointEvery()))) {
            // Empty when the head is already signed or nothing is linked: then there is no unsigned tail to bound.
            signer.signHead().ifPresent(head -> signed(1));
            lastSignedAt = now;
        }
    }

    /**
     * Links what is pending and signs the head now (an auditor's request, before an export).
     *
     * @return the new checkpoint; empty when the head was already signed or nothing is linked yet
     */
    public synchronized Optional<AuditCheckpoint> signHeadNow() {
        linkAndSignDue();
        Optional<AuditCheckpoint> head = signer.signHead();
        head.ifPresent(checkpoint -> signed(1));
        return head;
    }

    private void linkAndSignDue() {
        linksCounter.add(chainer.chainPending());
        List<AuditCheckpoint> due = signer.signDue();
        if (!due.isEmpty()) {
            signed(due.size());
        }
    }

    private void signed(int checkpoints) {
        checkpointsCounter.add(checkpoints);
        lastSignedAt = clock.instant();
    }

    private void runSafely() {
        try {
            run();
        } catch (RuntimeException e) {
            failuresCounter.add(1);
            LOG.warn("Audit chain of {}: run failed, retrying in {}: {}", node.id(), configuration.chainInterval(),
                    e.getMessage(), e);
        }
    }

    @PreDestroy
    @Override
    public void close() throws InterruptedException {
        executor.shutdown();
        if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
            LOG.warn("Audit chain of {}: the chainer did not stop within 10s", node.id());
            executor.shutdownNow();
            return;
        }
        try {
            synchronized (this) {
                linksCounter.add(chainer.chainPending());
                signer.signHead().ifPresent(head -> signed(1));
            }
        } catch (RuntimeException e) {
            LOG.warn("Audit chain of {}: could not link and sign the head at shutdown: {}", node.id(), e.getMessage());
        }
    }
}
