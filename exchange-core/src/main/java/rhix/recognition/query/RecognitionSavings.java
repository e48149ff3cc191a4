package rhix.recognition.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The repeat tests a node's hospitals avoided by recognising results from elsewhere: a decision counts when it
 * was recognised (or a clinician overrode a refusal) and the test was not repeated anyway. The cost is what
 * the rule table estimates for the test (fen, 0.01 CNY).
 */
public final class RecognitionSavings {

    /** One requesting hospital's figures over a period. */
    public record HospitalSavings(String requestingHospital, long decisions, long recognised, long repeatTestsAvoided, long costAvoidedFen) {
    }

    private final DataSource dataSource;

    public RecognitionSavings(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource is null");
    }

    /** Per hospital, decisions in [from, until). */
    public List<HospitalSavings> between(Instant from, Instant until) {
        String sql = "SELECT requesting_hospital, count(*),"
                + " sum(CASE WHEN verdict = 'RECOGNISED' THEN 1 ELSE 0 END),"
                + " sum(CASE WHEN (verdict = 'RECOGNISED' OR overridden) AND NOT repeat_ordered THEN 1 ELSE 0 END),"
                + " sum(CASE WHEN verdict = 'RECOGNISED' AND NOT repeat_ordered THEN cost_avoided_fen ELSE 0 END)"
                + " FROM recognition_decision WHERE decided_at >= ? AND decided_at < ? GROUP BY requesting_hospital ORDER BY requesting_hospital";
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setTimestamp(1, Timestamp.from(from));
            statement.setTimestamp(2, Timestamp.from(until));
            List<HospitalSavings> savings = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    savings.add(new HospitalSavings(rows.getString(1), rows.getLong(2), rows.getLong(3), rows.getLong(4), rows.getLong(5)));
                }
            }
            return savings;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the recognition decisions: " + e.getMessage(), e);
        }
    }
}
