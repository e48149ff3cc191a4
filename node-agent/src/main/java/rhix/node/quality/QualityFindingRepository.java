package rhix.node.quality;

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

/** Findings per producer in the node store: written with the batch, read and closed as work items. */
@Singleton
public class QualityFindingRepository {

    private final DataSource dataSource;

    public QualityFindingRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Writes in the caller's transaction, so findings exist exactly when their batch does. */
    public void insert(Connection connection, String batchId, String producerId, List<QualityFinding> findings,
                       OffsetDateTime foundAt) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO quality_finding (batch_id, producer_id, rule_id, dimension, severity, resource_type,"
                        + " resource_id, element_path, message, status, found_at, subject) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (QualityFinding finding : findings) {
                insert.setString(1, batchId);
                insert.setString(2, producerId);
                insert.setString(3, finding.ruleId());
                insert.setString(4, finding.dimension().name());
                insert.setString(5, finding.severity().name());
                insert.setString(6, finding.resource().resourceType());
                insert.setString(7, finding.resource().resourceId());
                insert.setString(8, finding.elementPath());
                insert.setString(9, truncate(finding.message(), 1000));
                insert.setString(10, FindingStatus.OPEN.name());
                insert.setObject(11, foundAt.withOffsetSameInstant(ZoneOffset.UTC));
                insert.setString(12, finding.subject() == null ? null : truncate(finding.subject(), 512));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    public List<StoredFinding> find(Optional<String> producerId, Optional<FindingStatus> status, Optional<String> batchId,
                                    int limit) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT finding_id, batch_id, producer_id, rule_id, dimension, severity,"
                + " resource_type, resource_id, element_path, message, status, found_at, closed_at, closed_note"
                + " FROM quality_finding WHERE 1 = 1");
        List<String> arguments = new ArrayList<>();
        producerId.ifPresent(value -> { sql.append(" AND producer_id = ?"); arguments.add(value); });
        status.ifPresent(value -> { sql.append(" AND status = ?"); arguments.add(value.name()); });
        batchId.ifPresent(value -> { sql.append(" AND batch_id = ?"); arguments.add(value); });
        sql.append(" ORDER BY finding_id LIMIT ").append(limit);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < arguments.size(); i++) {
                select.setString(i + 1, arguments.get(i));
            }
            List<StoredFinding> findings = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    findings.add(new StoredFinding(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4),
                            QualityDimension.valueOf(rows.getString(5)), FindingSeverity.valueOf(rows.getString(6)),
                            rows.getString(7), rows.getString(8), rows.getString(9), rows.getString(10),
                            FindingStatus.valueOf(rows.getString(11)), rows.getObject(12, OffsetDateTime.class),
                            rows.getObject(13, OffsetDateTime.class), rows.getString(14)));
                }
            }
            return findings;
        }
    }

    /** Closes an open finding; false when there is no open finding with that id. */
    public boolean close(long findingId, FindingStatus outcome, String note, OffsetDateTime closedAt) throws SQLException {
        if (outcome == FindingStatus.OPEN) {
            throw new IllegalArgumentException("a finding is closed as RESOLVED or WAIVED, not OPEN");
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE quality_finding SET status = ?, closed_at = ?, closed_note = ? WHERE finding_id = ? AND status = ?")) {
            update.setString(1, outcome.name());
            update.setObject(2, closedAt.withOffsetSameInstant(ZoneOffset.UTC));
            update.setString(3, truncate(note, 1000));
            update.setLong(4, findingId);
            update.setString(5, FindingStatus.OPEN.name());
            return update.executeUpdate() == 1;
        }
    }

    /** Open findings of one rule grouped by what they are about, most frequent first (e.g. a producer's unmapped codes). */
    public record SubjectCount(String producerId, String subject, long openFindings, OffsetDateTime firstFoundAt,
                               OffsetDateTime lastFoundAt, String example) {
    }

    public List<SubjectCount> openBySubject(String ruleId, Optional<String> producerId, int limit) throws SQLException {
        String sql = "SELECT producer_id, subject, count(*), min(found_at), max(found_at), min(message) FROM quality_finding"
                + " WHERE rule_id = ? AND status = ? AND subject IS NOT NULL" + (producerId.isPresent() ? " AND producer_id = ?" : "")
                + " GROUP BY producer_id, subject ORDER BY count(*) DESC, producer_id, subject LIMIT " + limit;
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, ruleId);
            select.setString(2, FindingStatus.OPEN.name());
            if (producerId.isPresent()) {
                select.setString(3, producerId.get());
            }
            List<SubjectCount> counts = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    counts.add(new SubjectCount(rows.getString(1), rows.getString(2), rows.getLong(3),
                            rows.getObject(4, OffsetDateTime.class), rows.getObject(5, OffsetDateTime.class), rows.getString(6)));
                }
            }
            return counts;
        }
    }

    /** Closes every open finding of a rule about one subject (of one producer); returns how many. */
    public int closeAllAbout(String ruleId, String producerId, String subject, FindingStatus outcome, String note,
                             OffsetDateTime closedAt) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement("UPDATE quality_finding SET status = ?, closed_at = ?,"
                     + " closed_note = ? WHERE rule_id = ? AND producer_id = ? AND subject = ? AND status = ?")) {
            update.setString(1, outcome.name());
            update.setObject(2, closedAt.withOffsetSameInstant(ZoneOffset.UTC));
            update.setString(3, truncate(note, 1000));
            update.setString(4, ruleId);
            update.setString(5, producerId);
            update.setString(6, subject);
            update.setString(7, FindingStatus.OPEN.name());
            return update.executeUpdate();
        }
    }

    private static String truncate(String text, int length) {
        return text == null || text.length() <= length ? text : text.substring(0, length - 1) + "…";
    }
}
