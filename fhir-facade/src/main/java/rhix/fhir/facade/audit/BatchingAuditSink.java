package rhix.fhir.facade.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.AuditEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link AuditSink} that keeps its events in batches: a request only enqueues its event, and one writer
 * thread hands them to {@link #store(List)} in batches, so auditing costs a request no database round trip.
 * The queue is drained when the sink closes.
 */
public abstract class BatchingAuditSink implements AuditSink, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BatchingAuditSink.class);
    private static final int BATCH = 500;

    private final BlockingQueue<AuditEvent> queue = new LinkedBlockingQueue<>(100_000);
    private final Thread writer;
    private volatile boolean running = true;
    private volatile boolean writing;

    protected BatchingAuditSink(String writerName) {
        this.writer = Thread.ofPlatform().daemon().name(writerName).start(this::drainLoop);
    }

    /** Stores one batch, all or nothing; a failure is logged and the batch is lost (the request has been answered). */
    protected abstract void store(List<AuditEvent> events) throws Exception;

    @Override
    public final void record(AuditEvent event) {
        if (!queue.offer(event)) {
            // A full queue means the store is down or far behind: say so loudly rather than block requests.
            LOG.error("audit queue full: AuditEvent {} for {} was not kept", event.getId(), event.getEntityFirstRep().getWhat());
        }
    }

    /** Waits until every event recorded so far is stored (tests, shutdown). */
    public void flush(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while ((!queue.isEmpty() || writing) && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
    }

    private void drainLoop() {
        List<AuditEvent> batch = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                AuditEvent first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                writing = true;
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                store(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                LOG.error("could not store {} AuditEvents: {}", batch.size(), e.getMessage(), e);
            } finally {
                batch.clear();
                writing = false;
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        writer.join(5_000);
    }
}
