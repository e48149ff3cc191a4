package rhix.node.mpi;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import rhix.node.identity.LocalPatientIdentity;
import rhix.node.identity.LocalPatientIdentityRepository;

/**
 * The MPI outbox ({@code mpi_registration}): writers queue a patient's change in the transaction that
 * stores it, so a change is never stored without its registration nor registered without being stored,
 * whether the MPI is up or not. One row per patient: a newer change replaces an unsent one, and its
 * {@code change_number} grows, so that an answer to an older send cannot settle it.
 *
 * <p>Queueing is an update, then an insert of the patients not yet there: safe without an upsert
 * (which H2's PostgreSQL mode lacks) because only writers holding the store's write lock insert.
 */
@Singleton
public class MpiOutbox {

    private static final int ERROR_LENGTH = 1000;

    private final LocalPatientIdentityRepository identities;

    public MpiOutbox(LocalPatientIdentityRepository identities) {
        this.identities = identities;
    }

    /** Queues the registration of these patients' current traits (call in the transaction that stored them). */
    public void queueRegistrations(Connection connection, Collection<String> patientIds, OffsetDateTime at) throws SQLException {
        queue(connection, MpiAction.REGISTER, patientIds, at);
    }

    /** Queues the retraction of deleted patients (call in the transaction that deleted them). */
    public void queueRetractions(Connection connection, Collection<String> patientIds, OffsetDateTime at) throws SQLException {
        queue(connection, MpiAction.RETRACT, patientIds, at);
    }

    private void queue(Connection connection, MpiAction action, Collection<String> patientIds, OffsetDateTime at)
            throws SQLException {
        if (patientIds.isEmpty()) {
            return;
        }
        List<String> ids = List.copyOf(Set.copyOf(patientIds));
        List<String> absent = new ArrayList<>();
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE mpi_registration SET action = ?, state = 'PENDING', change_number = change_number + 1, queued_at = ?,"
                        + " attempts = 0, last_attempt_at = NULL, last_error = NULL WHERE patient_id = ?")) {
            for (String patientId : ids) {
                update.setString(1, action.name());
                update.setObject(2, utc(at));
                update.setString(3, patientId);
                update.addBatch();
            }
            int[] updated = update.executeBatch();
            for (int i = 0; i < updated.length; i++) {
                if (updated[i] == 0) {
                    absent.add(ids.get(i));
                }
            }
        }
        if (absent.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO mpi_registration (patient_id, action, state, change_number, queued_at, attempts)"
                        + " VALUES (?, ?, 'PENDING', 1, ?, 0)")) {
            for (String patientId : absent) {
                insert.setString(1, patientId);
                insert.setString(2, action.name());
                insert.setObject(3, utc(at));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** The longest-waiting pending changes, with the traits registrations send. */
    public List<PendingChange> pending(Connection connection, int limit) throws SQLException {
        record Row(String patientId, MpiAction action, long changeNumber) {
        }
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT patient_id, action, change_number FROM mpi_registration WHERE state = 'PENDING'"
                        + " ORDER BY queued_at, patient_id LIMIT ?")) {
            select.setInt(1, limit);
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(new Row(result.getString(1), MpiAction.valueOf(result.getString(2)), result.getLong(3)));
                }
            }
        }
        Map<String, LocalPatientIdentity> traits = identities.findAll(connection, rows.stream()
                .filter(row -> row.action() == MpiAction.REGISTER).map(Row::patientId).collect(Collectors.toSet()));
        return rows.stream().map(row -> new PendingChange(row.patientId(), row.action(), row.changeNumber(),
                row.action() == MpiAction.REGISTER ? traits.get(row.patientId()) : null)).toList();
    }

    /** The MPI accepted these registrations and linked each patient as given. */
    public void markRegistered(Connection connection, Map<PendingChange, Linked> linked, OffsetDateTime at) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE mpi_registration SET state = 'SENT', sent_at = ?, enterprise_id = ?, link_outcome = ?,"
                        + " attempts = attempts + 1, last_attempt_at = ?, last_error = NULL"
                        + " WHERE patient_id = ? AND change_number = ?")) {
            for (Map.Entry<PendingChange, Linked> entry : linked.entrySet()) {
                update.setObject(1, utc(at));
                update.setString(2, entry.getValue().enterpriseId());
                update.setString(3, entry.getValue().outcome().name());
                update.setObject(4, utc(at));
                update.setString(5, entry.getKey().patientId());
                update.setLong(6, entry.getKey().changeNumber());
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    /** What the MPI answered for one registered patient. */
    public record Linked(String enterpriseId, MpiLinkOutcome outcome) {
    }

    /** The MPI removed these patients' links: the node no longer knows their enterprise identity. */
    public void markRetracted(Connection connection, List<PendingChange> retracted, OffsetDateTime at) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE mpi_registration SET state = 'SENT', sent_at = ?, enterprise_id = NULL, link_outcome = NULL,"
                        + " attempts = attempts + 1, last_attempt_at = ?, last_error = NULL"
                        + " WHERE patient_id = ? AND change_number = ?")) {
            for (PendingChange change : retracted) {
                update.setObject(1, utc(at));
                update.setObject(2, utc(at));
                update.setString(3, change.patientId());
                update.setLong(4, change.changeNumber());
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    /** The MPI refused these changes: they stay failed, with the reason, until the patient changes again. */
    public void markFailed(Connection connection, List<PendingChange> refused, String error, OffsetDateTime at)
            throws SQLException {
        recordAttempt(connection, refused, error, at, MpiDeliveryState.FAILED);
    }

    /** The MPI could not be reached or answered with an error: the changes stay pending, with the reason. */
    public void markAttempted(Connection connection, List<PendingChange> waiting, String error, OffsetDateTime at)
            throws SQLException {
        recordAttempt(connection, waiting, error, at, MpiDeliveryState.PENDING);
    }

    private static void recordAttempt(Connection connection, List<PendingChange> changes, String error, OffsetDateTime at,
                                      MpiDeliveryState state) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE mpi_registration SET state = ?, attempts = attempts + 1, last_attempt_at = ?, last_error = ?"
                        + " WHERE patient_id = ? AND change_number = ?")) {
            for (PendingChange change : changes) {
                update.setString(1, state.name());
                update.setObject(2, utc(at));
                update.setString(3, error.length() <= ERROR_LENGTH ? error : error.substring(0, ERROR_LENGTH - 1) + "…");
                update.setString(4, change.patientId());
                update.setLong(5, change.changeNumber());
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    public Optional<MpiRegistration> find(Connection connection, String patientId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT patient_id, action, state, attempts, last_error, sent_at, enterprise_id, link_outcome"
                        + " FROM mpi_registration WHERE patient_id = ?")) {
            select.setString(1, patientId);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                String outcome = rows.getString(8);
                return Optional.of(new MpiRegistration(rows.getString(1), MpiAction.valueOf(rows.getString(2)),
                        MpiDeliveryState.valueOf(rows.getString(3)), rows.getInt(4), rows.getString(5),
                        instant(rows, 6), rows.getString(7), outcome == null ? null : MpiLinkOutcome.valueOf(outcome)));
            }
        }
    }

    public MpiBacklog backlog(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            long pending = 0;
            long sent = 0;
            long failed = 0;
            Instant oldestPendingSince = null;
            Instant lastSuccessAt;
            try (ResultSet rows = statement.executeQuery(
                    "SELECT state, count(*), min(queued_at) FROM mpi_registration GROUP BY state")) {
                while (rows.next()) {
                    switch (MpiDeliveryState.valueOf(rows.getString(1))) {
                        case PENDING -> {
                            pending = rows.getLong(2);
                            oldestPendingSince = instant(rows, 3);
                        }
                        case SENT -> sent = rows.getLong(2);
                        case FAILED -> failed = rows.getLong(2);
                    }
                }
            }
            try (ResultSet rows = statement.executeQuery("SELECT max(sent_at) FROM mpi_registration")) {
                rows.next();
                lastSuccessAt = instant(rows, 1);
            }
            String lastError = null;
            Instant lastErrorAt = null;
            try (ResultSet rows = statement.executeQuery("SELECT last_error, last_attempt_at FROM mpi_registration"
                    + " WHERE last_error IS NOT NULL ORDER BY last_attempt_at DESC LIMIT 1")) {
                if (rows.next()) {
                    lastError = rows.getString(1);
                    lastErrorAt = instant(rows, 2);
                }
            }
            return new MpiBacklog(pending, sent, failed, oldestPendingSince, lastSuccessAt, lastError, lastErrorAt);
        }
    }

    private static OffsetDateTime utc(OffsetDateTime at) {
        return at.withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rows, int column) throws SQLException {
        OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
