package rhix.node.audit;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.axonframework.common.DateTimeUtils;

/**
 * Reads {@code domainevententry} with each event's chain link, newest first. Read-only: the trail is a view, the
 * event store stays Axon's.
 *
 * <p>Axon stores the timestamp as ISO-8601 UTC text with a fixed three-digit fraction, so bounds written the same
 * way ({@link DateTimeUtils#formatInstant}) compare correctly as text, on PostgreSQL and H2 alike.
 */
@Singleton
class EventTrailRepository {

    private static final String FROM = " FROM domainevententry e LEFT JOIN audit_chain_link l ON l.global_index = e.globalIndex";

    private final DataSource dataSource;

    EventTrailRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    long newestGlobalIndex() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT COALESCE(MAX(globalIndex), 0) FROM domainevententry");
             ResultSet row = select.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    int count(EventTrailQuery query) throws SQLException {
        List<Object> parameters = new ArrayList<>();
        String where = where(query, parameters);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT count(*)" + FROM + where)) {
            bind(select, parameters);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return (int) Math.min(Integer.MAX_VALUE, row.getLong(1));
            }
        }
    }

    List<StoredEvent> page(EventTrailQuery query, int offset, int limit) throws SQLException {
        List<Object> parameters = new ArrayList<>();
        String sql = "SELECT e.globalIndex, e.eventIdentifier, e.aggregateIdentifier, e.sequenceNumber, e.type, e.payloadType,"
                + " e.timeStamp, e.payload, l.position, l.link_hash" + FROM + where(query, parameters)
                + " ORDER BY e.globalIndex DESC LIMIT ? OFFSET ?";
        parameters.add(limit);
        parameters.add(offset);
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(sql)) {
            bind(select, parameters);
            List<StoredEvent> events = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    Number position = (Number) row.getObject(9);
                    String linkHash = row.getString(10);
                    events.add(new StoredEvent(row.getLong(1), row.getString(2), row.getString(3), row.getLong(4), row.getString(5),
                            row.getString(6), DateTimeUtils.parseInstant(row.getString(7)), row.getBytes(8),
                            position == null ? null : position.longValue(), linkHash == null ? null : linkHash.strip()));
                }
            }
            return events;
        }
    }

    private static String where(EventTrailQuery query, List<Object> parameters) {
        List<String> conditions = new ArrayList<>();
        if (query.globalIndex() != null) {
            conditions.add("e.globalIndex = ?");
            parameters.add(query.globalIndex());
        }
        if (query.upToGlobalIndex() != null) {
            conditions.add("e.globalIndex <= ?");
            parameters.add(query.upToGlobalIndex());
        }
        if (query.recordedFrom() != null) {
            conditions.add("e.timeStamp >= ?");
            parameters.add(format(query.recordedFrom()));
        }
        if (query.recordedTo() != null) {
            conditions.add("e.timeStamp <= ?");
            parameters.add(format(query.recordedTo()));
        }
        if (query.aggregateIdentifier() != null) {
            conditions.add("e.aggregateIdentifier = ?");
            parameters.add(query.aggregateIdentifier());
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    private static String format(Instant instant) {
        return DateTimeUtils.formatInstant(instant);
    }

    private static void bind(PreparedStatement statement, List<Object> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            statement.setObject(i + 1, parameters.get(i));
        }
    }
}
