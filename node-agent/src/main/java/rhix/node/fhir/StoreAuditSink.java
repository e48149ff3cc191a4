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
import javax.sql.DataSource;
import org.hl7.fhir.r4.model.AuditEvent;
import rhix.fhir.facade.audit.BatchingAuditSink;
import rhix.node.store.ContentHash;
import rhix.node.store.ResourceKey;
import rhix.node.store.ResourceStore;
import rhix.node.store.ResourceWrite;
import rhix.node.store.search.SearchIndexer;

/**
 * Keeps the facade's AuditEvents in the node store as AuditEvent resources (readable and searchable
 * through the FHIR API), in batches from one writer thread ({@link BatchingAuditSink}).
 */
@Singleton
public class StoreAuditSink extends BatchingAuditSink {

    private final DataSource dataSource;
    private final ResourceStore store;
    private final SearchIndexer indexer;
    private final IParser parser;
    private final Clock clock;

    public StoreAuditSink(DataSource dataSource, ResourceStore store, FhirContext fhirContext, Clock clock) {
        super("audit-writer");
        this.dataSource = dataSource;
        this.store = store;
        this.indexer = new SearchIndexer(fhirContext);
        this.parser = fhirContext.newJsonParser();
        this.clock = clock;
    }

    @Override
    protected void store(List<AuditEvent> events) throws SQLException {
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
    @Override
    public void close() throws InterruptedException {
        super.close();
    }
}
