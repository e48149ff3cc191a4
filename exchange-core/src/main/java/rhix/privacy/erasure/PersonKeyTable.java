package rhix.privacy.erasure;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import javax.sql.DataSource;

/** The rows of {@code person_data_key}; one statement per call, so no transaction spans a caller's work. */
final class PersonKeyTable {

    /** A person's row: a wrapped key, or (once erased) who erased it, when and why. */
    record PersonKeyRow(byte[] wrappedKey, Instant erasedAt, String erasedBy, String erasureReason) {
        boolean erased() {
            return erasedAt != null;
        }
    }

    private final DataSource dataSource;

    PersonKeyTable(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    Optional<PersonKeyRow> find(String personRef) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT wrapped_key, erased_at, erased_by, erasure_reason "
                     + "FROM person_data_key WHERE person_ref = ?")) {
            select.setString(1, personRef);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                OffsetDateTime erasedAt = row.getObject(2, OffsetDateTime.class);
                return Optional.of(new PersonKeyRow(row.getBytes(1), erasedAt == null ? null : erasedAt.toInstant(),
                        row.getString(3), row.getString(4)));
            }
        }
    }

    /** @return false when another thread or process created the person's row first */
    boolean insertKey(String personRef, byte[] wrappedKey, String masterKeyId, Instant createdAt) throws SQLException {
        return insertIfAbsent("INSERT INTO person_data_key (person_ref, wrapped_key, master_key_id, created_at) VALUES (?, ?, ?, ?)",
                personRef, wrappedKey, masterKeyId, utc(createdAt));
    }

    /** An erasure for a person who never had a key, so that none is ever created. */
    boolean insertErasure(String personRef, Instant erasedAt, String erasedBy, String reason) throws SQLException {
        return insertIfAbsent("INSERT INTO person_data_key (person_ref, created_at, erased_at, erased_by, erasure_reason) "
                + "VALUES (?, ?, ?, ?, ?)", personRef, utc(erasedAt), utc(erasedAt), erasedBy, reason);
    }

    /** Drops the wrapped key and records the erasure; @return false when there was no unerased key. */
    boolean eraseKey(String personRef, Instant erasedAt, String erasedBy, String reason) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement("UPDATE person_data_key SET wrapped_key = NULL, "
                     + "erased_at = ?, erased_by = ?, erasure_reason = ? WHERE person_ref = ? AND erased_at IS NULL")) {
            update.setObject(1, utc(erasedAt));
            update.setString(2, erasedBy);
            update.setString(3, reason);
            update.setString(4, personRef);
            return update.executeUpdate() == 1;
        }
    }

    private boolean insertIfAbsent(String sql, Object... values) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                insert.setObject(i + 1, values[i]);
            }
            insert.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    /** SQLSTATE 23505 on PostgreSQL and H2; any integrity violation (class 23) on the person_ref key means the row exists. */
    private static boolean isUniqueViolation(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("23");
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
