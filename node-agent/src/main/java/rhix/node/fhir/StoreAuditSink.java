package rhix.node.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rhix.fhir.facade.audit.AuditSink;
import rhix.node.store.ContentHash;
import rhix.node.store.ResourceKey;
import rhix.node.store.ResourceStore;
import rhix.node.store.ResourceWrite;
import rhix.node.store.search.SearchIndexer;

/**
 * Keeps the facade's AuditEvents in the node store as AuditEvent resources (readable and searchable
 * through the FHIR API). A request only enqueues its event; one writer thread stores them in batches,
 * so auditing costs a read no database round trip. The queue is drained on shutdown.
 */
@Singleton
public class StoreAuditSink implements AuditSink {

    private static final Logger LOG = LoggerFactory.getLogger(StoreAuditSink.class);
    private static final int BATCH = 500;

    private final DataSource dataSource;
    private final ResourceStore store;
    private final SearchIndexer indexer;
    private final FhirContext fhirContext;
    private final Clock clock;
    private final BlockingQueue<AuditEvent> queue = new LinkedBlockingQueue<>(100_000);
    private final Thread writer;
    private volatile boolean running = true;
    private volatile boolean writing;

    public StoreAuditSink(DataSource dataSource, ResourceStore store, FhirContext fhirContext, Clock clock) {
        this.dataSource = dataSource;
        this.store = store;
        this.indexer = new SearchIndexer(fhirContext);
        this.fhirContext = fhirContext;
        this.clock = clock;
        this.writer = Thread.ofPlatform().daemon().name("audit-writer").start(this::drainLoop);
    }

    @Override
    public void record(AuditEvent event) {
        if (!queue.offer(event)) {
            // A full queue means the store is down or far behind: say so loudly rather than block reads.
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
        IParser parser = fhirContext.newJsonParser();
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
                write(batch, parser);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (SQLException | RuntimeException e) {
                LOG.error("could not store {} AuditEvents: {}", batch.size(), e.getMessage(), e);
            } finally {
                batch.clear();
                writing = false;
            }
        }
    }

    private void write(List<AuditEvent> events, IParser parser) throws SQLException {
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<ResourceWrite> writes = new ArrayList<>(events.size());
        for (AuditEvent event : events) {
            String json = parser.encodeResourceToString(event);
            writes.add(new ResourceWrite(new ResourceKey("AuditEvent", event.getIdElement().getIdPart()), 1, now,
                    ContentHash.sha256(json), json, null, null, false, indexer.index(event)));
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            store.write(connection, writes);
            connection.commit();
        }
    }

    @PreDestroy
    public void close() throws InterruptedException {
        running = false;
        writer.join(5_000);
    }
}
