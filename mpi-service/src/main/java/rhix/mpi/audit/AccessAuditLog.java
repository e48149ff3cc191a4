package rhix.mpi.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Coding;
import rhix.fhir.facade.audit.BatchingAuditSink;

/**
 * The MPI's access audit trail: one AuditEvent per call of its FHIR API (what fhir-facade's
 * {@code AccessAuditInterceptor} makes, refused calls included), kept append-only in {@code access_audit}
 * with who, why, what interaction and the outcome in columns to filter on.
 */
@Singleton
public class AccessAuditLog extends BatchingAuditSink {

    private final DataSource store;
    private final IParser writer = FhirContext.forR4Cached().newJsonParser();

    public AccessAuditLog(DataSource store) {
        super("mpi-audit-writer");
        this.store = store;
    }

    /** One kept AuditEvent, with the columns it is found by. */
    @Serdeable
    public record Entry(long sequence, String auditId, Instant recordedAt, String subject, String purposeOfUse,
                        String interaction, String outcome, String auditEvent) {
    }

    @Override
    protected void store(List<AuditEvent> events) throws SQLException {
        try (Connection connection = store.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO access_audit (audit_id, recorded_at, subject,"
                     + " purpose_of_use, interaction, outcome, audit_event) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            connection.setAutoCommit(false);
            for (AuditEvent event : events) {
                AuditEvent.AuditEventAgentComponent requestor = requestor(event);
                insert.setString(1, event.getIdElement().getIdPart());
                insert.setTimestamp(2, Timestamp.from(event.getRecorded().toInstant()));
                insert.setString(3, requestor == null || !requestor.getWho().hasIdentifier() ? null
                        : requestor.getWho().getIdentifier().getValue());
                insert.setString(4, requestor == null ? null : requestor.getPurposeOfUse().stream()
                        .flatMap(concept -> concept.getCoding().stream()).map(Coding::getCode).findFirst().orElse(null));
                insert.setString(5, event.getSubtypeFirstRep().getCode());
                insert.setString(6, event.getOutcome() == null ? "" : event.getOutcome().toCode());
                insert.setString(7, writer.encodeResourceToString(event));
                insert.addBatch();
            }
            insert.executeBatch();
            connection.commit();
        }
    }

    /** The newest entries first, optionally of one subject, before sequence {@code before} when given. */
    public List<Entry> recent(Connection connection, Optional<String> subject, Optional<Long> before, int limit)
            throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT sequence, audit_id, recorded_at, subject, purpose_of_use, interaction,"
                + " outcome, audit_event FROM access_audit WHERE 1 = 1");
        subject.ifPresent(value -> sql.append(" AND subject = ?"));
        before.ifPresent(value -> sql.append(" AND sequence < ?"));
        sql.append(" ORDER BY sequence DESC LIMIT ?");
        try (PreparedStatement query = connection.prepareStatement(sql.toString())) {
            int parameter = 1;
            if (subject.isPresent()) {
                query.setString(parameter++, subject.get());
            }
            if (before.isPresent()) {
                query.setLong(parameter++, before.get());
            }
            query.setInt(parameter, limit);
            List<Entry> entries = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    entries.add(new Entry(rows.getLong(1), rows.getString(2), rows.getTimestamp(3).toInstant(), rows.getString(4),
                            rows.getString(5), rows.getString(6), rows.getString(7), rows.getString(8)));
                }
            }
            return entries;
        }
    }

    private static AuditEvent.AuditEventAgentComponent requestor(AuditEvent event) {
        return event.getAgent().stream().filter(AuditEvent.AuditEventAgentComponent::getRequestor).findFirst().orElse(null);
    }

    @PreDestroy
    @Override
    public void close() throws InterruptedException {
        super.close();
    }
}
