package rhix.mpi.index;

import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The append-only log of {@link MpiEvent}s, in the same transaction as the change it records: no change
 * without its event, no event without its change. PostgreSQL refuses updates and deletes of it (trigger).
 */
@Singleton
public class EventLog {

    private static final Map<String, Class<? extends MpiEvent>> TYPES = Map.of(
            "RecordRegistered", MpiEvent.RecordRegistered.class,
            "IdentityCreated", MpiEvent.IdentityCreated.class,
            "RecordLinked", MpiEvent.RecordLinked.class,
            "RecordRetracted", MpiEvent.RecordRetracted.class,
            "ReviewOpened", MpiEvent.ReviewOpened.class,
            "ReviewDecided", MpiEvent.ReviewDecided.class,
            "IdentitiesMerged", MpiEvent.IdentitiesMerged.class,
            "IdentitiesUnmerged", MpiEvent.IdentitiesUnmerged.class,
            "RecordsLocated", MpiEvent.RecordsLocated.class,
            "RecordsBulkLinked", MpiEvent.RecordsBulkLinked.class);

    private final ObjectMapper json;

    public EventLog(ObjectMapper json) {
        this.json = json;
    }

    public long append(Connection connection, MpiEvent event, String actor, Instant now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO mpi_event (event_type, enterprise_id, actor,"
                + " payload, occurred_at) VALUES (?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, event.getClass().getSimpleName());
            insert.setString(2, event.enterpriseId());
            insert.setString(3, actor);
            insert.setString(4, json.writeValueAsString(event));
            Jdbc.setInstant(insert, 5, now);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + event.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** Appends many events in batches, in list order (a bulk linkage run). */
    public void appendAll(Connection connection, List<? extends MpiEvent> batch, String actor, Instant now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO mpi_event (event_type, enterprise_id, actor,"
                + " payload, occurred_at) VALUES (?, ?, ?, ?, ?)")) {
            int pending = 0;
            for (MpiEvent event : batch) {
                insert.setString(1, event.getClass().getSimpleName());
                insert.setString(2, event.enterpriseId());
                insert.setString(3, actor);
                insert.setString(4, json.writeValueAsString(event));
                Jdbc.setInstant(insert, 5, now);
                insert.addBatch();
                if (++pending == Jdbc.BATCH) {
                    insert.executeBatch();
                    pending = 0;
                }
            }
            insert.executeBatch();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write an event as JSON", e);
        }
    }

    public Optional<StoredEvent> find(Connection connection, long sequence) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT sequence, event_type, actor, payload, occurred_at FROM mpi_event WHERE sequence = ?")) {
            select.setLong(1, sequence);
            return read(select).stream().findFirst();
        }
    }

    /** The events of one identity (as the one named), oldest first. */
    public List<StoredEvent> ofEnterprise(Connection connection, String enterpriseId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT sequence, event_type, actor, payload, occurred_at"
                + " FROM mpi_event WHERE enterprise_id = ? ORDER BY sequence")) {
            select.setString(1, enterpriseId);
            return read(select);
        }
    }

    private List<StoredEvent> read(PreparedStatement select) throws SQLException {
        List<StoredEvent> events = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                Class<? extends MpiEvent> type = TYPES.get(rows.getString("event_type"));
                if (type == null) {
                    throw new IllegalStateException("unknown MPI event type " + rows.getString("event_type"));
                }
                try {
                    events.add(new StoredEvent(rows.getLong("sequence"), json.readValue(rows.getString("payload"), type),
                            rows.getString("actor"), Jdbc.instant(rows, "occurred_at")));
                } catch (IOException e) {
                    throw new UncheckedIOException("unreadable MPI event " + rows.getLong("sequence"), e);
                }
            }
        }
        return events;
    }
}
