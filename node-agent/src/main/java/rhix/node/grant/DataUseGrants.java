package rhix.node.grant;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
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

/**
 * Reads {@code data_use_grant}, the read model exchange-core's projection keeps: applications and grants as
 * reviewers and the federated query see them. It follows the events by a processor's lag (milliseconds).
 */
@Singleton
public class DataUseGrants {

    /** One application or grant; {@code views} is the JSON of the views, columns and de-identification. */
    @Serdeable
    public record GrantView(String grantId, String applicant, String organisation, String purpose, String kind, String state,
                            String views, @Nullable String rowFilter, @Nullable String divisionCodes, @Nullable String approvedSteps,
                            Instant submittedAt, @Nullable Instant validFrom, @Nullable Instant validUntil,
                            @Nullable Instant closedAt, @Nullable String closedBy, @Nullable String closeReason) {
    }

    /**
     * A grant past its end reads as EXPIRED even before its expiry event: Axon's deadlines are held in memory,
     * so after a restart the event comes late (or, until the deadline is rescheduled, not at all); the state a
     * reader sees must not.
     */
    private static final String STATE = "CASE WHEN state = 'GRANTED' AND valid_until <= CURRENT_TIMESTAMP THEN 'EXPIRED' ELSE state END";
    private static final String COLUMNS = "grant_id, applicant, organisation, purpose, kind, " + STATE + ", views, row_filter,"
            + " division_codes, approved_steps, submitted_at, valid_from, valid_until, closed_at, closed_by, close_reason";

    private final DataSource store;

    public DataUseGrants(DataSource store) {
        this.store = store;
    }

    public Optional<GrantView> find(String grantId) throws SQLException {
        List<GrantView> found = query("SELECT " + COLUMNS + " FROM data_use_grant WHERE grant_id = ?", grantId);
        return found.stream().findFirst();
    }

    /** Newest first; {@code state} and {@code applicant} narrow it when given. */
    public List<GrantView> list(@Nullable String state, @Nullable String applicant, int limit) throws SQLException {
        return query("SELECT " + COLUMNS + " FROM data_use_grant WHERE (? IS NULL OR " + STATE + " = ?) AND (? IS NULL OR applicant = ?)"
                + " ORDER BY submitted_at DESC LIMIT " + limit, state, state, applicant, applicant);
    }

    private List<GrantView> query(String sql, Object... parameters) throws SQLException {
        try (Connection connection = store.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i], java.sql.Types.VARCHAR);
            }
            List<GrantView> grants = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    grants.add(new GrantView(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4), rows.getString(5),
                            rows.getString(6), rows.getString(7), rows.getString(8), rows.getString(9), rows.getString(10),
                            instant(rows.getTimestamp(11)), instant(rows.getTimestamp(12)), instant(rows.getTimestamp(13)),
                            instant(rows.getTimestamp(14)), rows.getString(15), rows.getString(16)));
                }
            }
            return grants;
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
