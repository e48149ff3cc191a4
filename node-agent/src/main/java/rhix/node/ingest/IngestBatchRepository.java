package rhix.node.ingest;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** The ledger of batches: one row per batch, accepted or not, never updated afterwards. */
@Singleton
public class IngestBatchRepository {

    private static final String COLUMNS = "batch_id, producer_id, source_system, payload_format, payload_sha256, status,"
            + " received_at, completed_at, resource_count, created_count, updated_count, unchanged_count, rejected_count,"
            + " finding_count, summary, deleted_count";

    private final DataSource dataSource;

    public IngestBatchRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void insert(Connection connection, IngestReport report) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO ingest_batch (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, report.batchId());
            insert.setString(2, report.producerId());
            insert.setString(3, report.sourceSystem());
            insert.setString(4, report.format().name());
            insert.setString(5, report.payloadSha256());
            insert.setString(6, report.status().name());
            insert.setObject(7, report.receivedAt().withOffsetSameInstant(ZoneOffset.UTC));
            insert.setObject(8, report.completedAt().withOffsetSameInstant(ZoneOffset.UTC));
            insert.setInt(9, report.resourceCount());
            insert.setInt(10, report.created());
            insert.setInt(11, report.updated());
            insert.setInt(12, report.unchanged());
            insert.setInt(13, report.rejected());
            insert.setInt(14, report.findings());
            String summary = String.join("\n", report.problems());
            insert.setString(15, summary.length() > 4000 ? summary.substring(0, 3999) + "…" : summary);
            insert.setInt(16, report.deleted());
            insert.executeUpdate();
        }
    }

    /** Records a batch on its own, for batches whose resources were not stored. */
    public void insert(IngestReport report) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            insert(connection, report);
        }
    }

    public Optional<IngestReport> find(String batchId) throws SQLException {
        List<IngestReport> found = query("WHERE batch_id = ?", batchId, 1);
        return found.stream().findFirst();
    }

    public List<IngestReport> recent(Optional<String> producerId, int limit) throws SQLException {
        return producerId.isPresent() ? query("WHERE producer_id = ? ORDER BY received_at DESC", producerId.get(), limit)
                : query("ORDER BY received_at DESC", null, limit);
    }

    private List<IngestReport> query(String condition, String argument, int limit) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT " + COLUMNS + " FROM ingest_batch " + condition + " LIMIT " + limit)) {
            if (argument != null) {
                select.setString(1, argument);
            }
            List<IngestReport> reports = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String summary = rows.getString(15);
                    reports.add(new IngestReport(rows.getString(1), rows.getString(2), rows.getString(3),
                            PayloadFormat.valueOf(rows.getString(4)), BatchStatus.valueOf(rows.getString(6)), rows.getString(5),
                            rows.getObject(7, OffsetDateTime.class), rows.getObject(8, OffsetDateTime.class), rows.getInt(9),
                            rows.getInt(10), rows.getInt(11), rows.getInt(12), rows.getInt(13), rows.getInt(14),
                            summary == null || summary.isEmpty() ? List.of() : List.of(summary.split("\n")), rows.getInt(16)));
                }
            }
            return reports;
        }
    }
}
