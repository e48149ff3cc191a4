package rhix.mpi.index;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import rhix.mpi.match.BlockingKeys;
import rhix.mpi.match.IdentityRecord;

/** Registered records and the blocking columns candidates are found by ({@link BlockingKeys}). */
@Singleton
public class IdentityRecordStore {

    static final String COLUMNS = "r.node_id, r.local_id, r.producer_id, r.local_identifier_system, r.local_identifier_value,"
            + " r.raw_resident_id, r.resident_id, r.name_zh, r.name_pinyin, r.gender, r.birth_date, r.phone, r.division_code,"
            + " r.registered_at";

    /** Candidates per record at most: a block bigger than this is a data problem (a shared phone), not a person. */
    static final int CANDIDATE_LIMIT = 200;

    private static final String UPDATE = "UPDATE identity_record SET producer_id = ?, local_identifier_system = ?,"
            + " local_identifier_value = ?, raw_resident_id = ?, resident_id = ?, resident_id_invalid = ?, name_zh = ?,"
            + " name_pinyin = ?, phonetic_key = ?, gender = ?, birth_date = ?, birth_year = ?, phone = ?, division_code = ?,"
            + " registered_at = ?, updated_at = ? WHERE node_id = ? AND local_id = ?";
    private static final String INSERT = "INSERT INTO identity_record (producer_id, local_identifier_system,"
            + " local_identifier_value, raw_resident_id, resident_id, resident_id_invalid, name_zh, name_pinyin, phonetic_key,"
            + " gender, birth_date, birth_year, phone, division_code, registered_at, updated_at, node_id, local_id)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** Inserts or replaces the record's traits; returns the traits it had before, if any. */
    public Optional<RegisteredRecord> upsert(Connection connection, RegisteredRecord record) throws SQLException {
        Optional<RegisteredRecord> previous = find(connection, record.key());
        try (PreparedStatement statement = connection.prepareStatement(previous.isPresent() ? UPDATE : INSERT)) {
            bind(statement, record);
            statement.executeUpdate();
        }
        return previous;
    }

    /**
     * Inserts or replaces many records in two batches (update what exists, insert the rest), leaving links
     * alone: the deferred registration of a bulk load. Returns how many were new.
     */
    public int storeAll(Connection connection, List<RegisteredRecord> batch) throws SQLException {
        int[] updated;
        try (PreparedStatement update = connection.prepareStatement(UPDATE)) {
            for (RegisteredRecord record : batch) {
                bind(update, record);
                update.addBatch();
            }
            updated = update.executeBatch();
        }
        int inserted = 0;
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (int i = 0; i < batch.size(); i++) {
                if (updated[i] == 0) {
                    bind(insert, batch.get(i));
                    insert.addBatch();
                    inserted++;
                }
            }
            if (inserted > 0) {
                insert.executeBatch();
            }
        }
        return inserted;
    }

    private static void bind(PreparedStatement statement, RegisteredRecord record) throws SQLException {
        IdentityRecord traits = record.traits();
        int i = 1;
        statement.setString(i++, record.producerId());
        statement.setString(i++, record.localIdentifierSystem());
        statement.setString(i++, record.localIdentifierValue());
        statement.setString(i++, traits.rawResidentId());
        statement.setString(i++, traits.residentId());
        statement.setBoolean(i++, traits.hasInvalidResidentId());
        statement.setString(i++, traits.nameZh());
        statement.setString(i++, traits.namePinyin());
        statement.setString(i++, BlockingKeys.phoneticKey(traits.namePinyin()));
        statement.setString(i++, traits.gender());
        Jdbc.setDate(statement, i++, traits.birthDate());
        if (traits.birthDate() == null) {
            statement.setNull(i++, java.sql.Types.INTEGER);
        } else {
            statement.setInt(i++, traits.birthDate().getYear());
        }
        statement.setString(i++, traits.phone());
        statement.setString(i++, traits.divisionCode());
        Jdbc.setInstant(statement, i++, record.registeredAt());
        Jdbc.setInstant(statement, i++, Instant.now());
        statement.setString(i++, traits.nodeId());
        statement.setString(i, traits.localId());
    }

    /** Every record with the identity it is linked to (null when it waits for a bulk run), in key order, streamed. */
    public void forEachWithLink(Connection connection, RecordVisitor visitor) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + ", l.enterprise_id FROM identity_record r"
                + " LEFT JOIN identity_link l ON l.node_id = r.node_id AND l.local_id = r.local_id ORDER BY r.node_id, r.local_id")) {
            select.setFetchSize(10_000);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    visitor.visit(row(rows), rows.getString("enterprise_id"));
                }
            }
        }
    }

    @FunctionalInterface
    public interface RecordVisitor {
        void visit(RegisteredRecord record, String enterpriseId);
    }

    public Optional<RegisteredRecord> find(Connection connection, RecordKey key) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM identity_record r WHERE r.node_id = ? AND r.local_id = ?")) {
            select.setString(1, key.nodeId());
            select.setString(2, key.localId());
            List<RegisteredRecord> found = read(select);
            return found.stream().findFirst();
        }
    }

    /** The records sharing a blocking key with {@code traits}, other than itself, with the identity each belongs to. */
    public List<Candidate> candidates(Connection connection, IdentityRecord traits) throws SQLException {
        List<String> conditions = new ArrayList<>(3);
        List<Object> values = new ArrayList<>(4);
        if (traits.residentId() != null) {
            conditions.add("r.resident_id = ?");
            values.add(traits.residentId());
        }
        String phonetic = BlockingKeys.phoneticKey(traits.namePinyin());
        if (phonetic != null && traits.birthDate() != null) {
            conditions.add("(r.phonetic_key = ? AND r.birth_year = ?)");
            values.add(phonetic);
            values.add(traits.birthDate().getYear());
        }
        if (traits.phone() != null && traits.phone().length() >= 7) {
            conditions.add("r.phone = ?");
            values.add(traits.phone());
        }
        if (conditions.isEmpty()) {
            return List.of();
        }
        String sql = "SELECT " + COLUMNS + ", l.enterprise_id FROM identity_record r"
                + " JOIN identity_link l ON l.node_id = r.node_id AND l.local_id = r.local_id"
                + " WHERE (" + String.join(" OR ", conditions) + ") AND NOT (r.node_id = ? AND r.local_id = ?)"
                + " LIMIT " + CANDIDATE_LIMIT;
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            int i = 1;
            for (Object value : values) {
                select.setObject(i++, value);
            }
            select.setString(i++, traits.nodeId());
            select.setString(i, traits.localId());
            List<Candidate> candidates = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    candidates.add(new Candidate(row(rows), rows.getString("enterprise_id")));
                }
            }
            return candidates;
        }
    }

    /** A record found by blocking, and the enterprise identity it is linked to. */
    public record Candidate(RegisteredRecord record, String enterpriseId) {
    }

    public List<RegisteredRecord> ofEnterprise(Connection connection, String enterpriseId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM identity_record r"
                + " JOIN identity_link l ON l.node_id = r.node_id AND l.local_id = r.local_id WHERE l.enterprise_id = ?"
                + " ORDER BY r.node_id, r.local_id")) {
            select.setString(1, enterpriseId);
            return read(select);
        }
    }

    /** Records by a hospital's patient number (a PIXm source identifier). */
    public List<RegisteredRecord> byLocalIdentifier(Connection connection, String system, String value) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM identity_record r"
                + " WHERE r.local_identifier_system = ? AND r.local_identifier_value = ? ORDER BY r.node_id, r.local_id")) {
            select.setString(1, system);
            select.setString(2, value);
            return read(select);
        }
    }

    /** Whether any record is numbered in this system: a PIXm domain the index knows. */
    public boolean hasLocalIdentifierSystem(Connection connection, String system) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT 1 FROM identity_record WHERE local_identifier_system = ? LIMIT 1")) {
            select.setString(1, system);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        }
    }

    public boolean delete(Connection connection, RecordKey key) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM identity_record WHERE node_id = ? AND local_id = ?")) {
            delete.setString(1, key.nodeId());
            delete.setString(2, key.localId());
            return delete.executeUpdate() > 0;
        }
    }

    public long count(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT count(*) FROM identity_record");
             ResultSet rows = select.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static List<RegisteredRecord> read(PreparedStatement select) throws SQLException {
        List<RegisteredRecord> records = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                records.add(row(rows));
            }
        }
        return records;
    }

    static RegisteredRecord row(ResultSet rows) throws SQLException {
        IdentityRecord traits = new IdentityRecord(rows.getString("node_id"), rows.getString("local_id"),
                rows.getString("name_zh"), rows.getString("name_pinyin"), rows.getString("gender"),
                Jdbc.date(rows, "birth_date"), rows.getString("resident_id"), rows.getString("raw_resident_id"),
                rows.getString("phone"), rows.getString("division_code"));
        return new RegisteredRecord(traits, rows.getString("producer_id"), rows.getString("local_identifier_system"),
                rows.getString("local_identifier_value"), Jdbc.instant(rows, "registered_at"));
    }
}
