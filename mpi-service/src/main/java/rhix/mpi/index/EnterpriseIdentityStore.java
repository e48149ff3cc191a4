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

/** Enterprise identities and their golden records. */
@Singleton
public class EnterpriseIdentityStore {

    private static final String COLUMNS = "e.enterprise_id, e.status, e.merged_into, e.resident_id, e.name_zh, e.name_pinyin,"
            + " e.gender, e.birth_date, e.phone, e.division_code, e.record_count, e.version, e.created_at, e.updated_at";

    public void create(Connection connection, String enterpriseId, GoldenRecord golden, int recordCount, Instant now)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO enterprise_identity (enterprise_id, status,"
                + " resident_id, name_zh, name_pinyin, gender, birth_date, phone, division_code, record_count, version,"
                + " created_at, updated_at) VALUES (?, 'ACTIVE', ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)")) {
            insert.setString(1, enterpriseId);
            setGolden(insert, 2, golden);
            insert.setInt(9, recordCount);
            Jdbc.setInstant(insert, 10, now);
            Jdbc.setInstant(insert, 11, now);
            insert.executeUpdate();
        }
    }

    /** Creates many identities in one batch (a bulk linkage run). */
    public void createAll(Connection connection, java.util.Map<String, GoldenRecord> golden, java.util.Map<String, Integer> recordCounts,
                          Instant now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO enterprise_identity (enterprise_id, status,"
                + " resident_id, name_zh, name_pinyin, gender, birth_date, phone, division_code, record_count, version,"
                + " created_at, updated_at) VALUES (?, 'ACTIVE', ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)")) {
            int pending = 0;
            for (var entry : golden.entrySet()) {
                insert.setString(1, entry.getKey());
                setGolden(insert, 2, entry.getValue());
                insert.setInt(9, recordCounts.get(entry.getKey()));
                Jdbc.setInstant(insert, 10, now);
                Jdbc.setInstant(insert, 11, now);
                insert.addBatch();
                if (++pending == Jdbc.BATCH) {
                    insert.executeBatch();
                    pending = 0;
                }
            }
            insert.executeBatch();
        }
    }

    /** A new golden record and record count; the version moves on only when something changed. */
    public void update(Connection connection, String enterpriseId, GoldenRecord golden, int recordCount, Instant now)
            throws SQLException {
        Optional<EnterpriseIdentity> current = find(connection, enterpriseId);
        if (current.isPresent() && current.get().golden().equals(golden) && current.get().recordCount() == recordCount) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement("UPDATE enterprise_identity SET resident_id = ?,"
                + " name_zh = ?, name_pinyin = ?, gender = ?, birth_date = ?, phone = ?, division_code = ?, record_count = ?,"
                + " version = version + 1, updated_at = ? WHERE enterprise_id = ?")) {
            setGolden(update, 1, golden);
            update.setInt(8, recordCount);
            Jdbc.setInstant(update, 9, now);
            update.setString(10, enterpriseId);
            update.executeUpdate();
        }
    }

    public void setStatus(Connection connection, String enterpriseId, EnterpriseIdentity.Status status, String mergedInto,
                          Instant now) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE enterprise_identity SET status = ?, merged_into = ?,"
                + " version = version + 1, updated_at = ? WHERE enterprise_id = ?")) {
            update.setString(1, status.name());
            update.setString(2, mergedInto);
            Jdbc.setInstant(update, 3, now);
            update.setString(4, enterpriseId);
            update.executeUpdate();
        }
    }

    public Optional<EnterpriseIdentity> find(Connection connection, String enterpriseId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM enterprise_identity e WHERE e.enterprise_id = ?")) {
            select.setString(1, enterpriseId);
            return read(select).stream().findFirst();
        }
    }

    /** Active identities whose golden record has this resident ID, name, or birth date: PDQm's demographic search. */
    public List<EnterpriseIdentity> search(Connection connection, DemographicQuery query, int limit) throws SQLException {
        List<String> conditions = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        conditions.add("e.status = 'ACTIVE'");
        if (query.enterpriseId() != null) {
            conditions.add("e.enterprise_id = ?");
            values.add(query.enterpriseId());
        }
        if (query.givenZh() != null) {
            // The golden name is one string, family name first: a given name is what follows its first character.
            conditions.add("e.name_zh LIKE ?");
            values.add("_%" + query.givenZh().replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (query.givenPinyin() != null) {
            // Pinyin keeps syllables apart, family name first: the given name starts after the first space.
            conditions.add("replace(substring(e.name_pinyin from position(' ' in e.name_pinyin) + 1), ' ', '') LIKE ?");
            values.add(query.givenPinyin().replace(" ", "") + "%");
        }
        if (query.residentId() != null) {
            conditions.add("e.resident_id = ?");
            values.add(query.residentId());
        }
        if (query.nameZh() != null) {
            conditions.add("e.name_zh LIKE ?");
            values.add(query.nameZh().replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (query.namePinyin() != null) {
            conditions.add("replace(e.name_pinyin, ' ', '') LIKE ?");
            values.add(query.namePinyin().replace(" ", "") + "%");
        }
        if (query.birthDate() != null) {
            conditions.add("e.birth_date = ?");
            values.add(query.birthDate());
        }
        if (query.gender() != null) {
            conditions.add("e.gender = ?");
            values.add(query.gender());
        }
        if (query.phone() != null) {
            conditions.add("e.phone = ?");
            values.add(query.phone());
        }
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM enterprise_identity e WHERE "
                + String.join(" AND ", conditions) + " ORDER BY e.enterprise_id LIMIT " + limit)) {
            for (int i = 0; i < values.size(); i++) {
                select.setObject(i + 1, values.get(i));
            }
            return read(select);
        }
    }

    /**
     * What PDQm can search the golden records by; null fields are not constraints.
     *
     * @param nameZh      a prefix of the whole Chinese name (so a family name, too)
     * @param namePinyin  a prefix of the whole pinyin name, spaces ignored
     * @param givenZh     part of the Chinese name after its first character (the given name)
     * @param givenPinyin a prefix of the pinyin after its first syllable, spaces ignored
     */
    public record DemographicQuery(String residentId, String nameZh, String namePinyin, java.time.LocalDate birthDate,
                                   String gender, String phone, String enterpriseId, String givenZh, String givenPinyin) {

        public DemographicQuery(String residentId, String nameZh, String namePinyin, java.time.LocalDate birthDate,
                                String gender, String phone) {
            this(residentId, nameZh, namePinyin, birthDate, gender, phone, null, null, null);
        }

        public boolean isEmpty() {
            return residentId == null && nameZh == null && namePinyin == null && birthDate == null && gender == null
                    && phone == null && enterpriseId == null && givenZh == null && givenPinyin == null;
        }
    }

    /** The identities merged into {@code survivor}: what its {@code Patient.link} of type {@code replaces} lists. */
    public List<EnterpriseIdentity> mergedInto(Connection connection, String survivor) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM enterprise_identity e"
                + " WHERE e.merged_into = ? AND e.status = 'MERGED' ORDER BY e.enterprise_id")) {
            select.setString(1, survivor);
            return read(select);
        }
    }

    public long countActive(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT count(*) FROM enterprise_identity WHERE status = 'ACTIVE'"); ResultSet rows = select.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void setGolden(PreparedStatement statement, int first, GoldenRecord golden) throws SQLException {
        statement.setString(first, golden.residentId());
        statement.setString(first + 1, golden.nameZh());
        statement.setString(first + 2, golden.namePinyin());
        statement.setString(first + 3, golden.gender());
        Jdbc.setDate(statement, first + 4, golden.birthDate());
        statement.setString(first + 5, golden.phone());
        statement.setString(first + 6, golden.divisionCode());
    }

    private static List<EnterpriseIdentity> read(PreparedStatement select) throws SQLException {
        List<EnterpriseIdentity> identities = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                GoldenRecord golden = new GoldenRecord(rows.getString("resident_id"), rows.getString("name_zh"),
                        rows.getString("name_pinyin"), rows.getString("gender"), Jdbc.date(rows, "birth_date"),
                        rows.getString("phone"), rows.getString("division_code"));
                identities.add(new EnterpriseIdentity(rows.getString("enterprise_id"),
                        EnterpriseIdentity.Status.valueOf(rows.getString("status")), rows.getString("merged_into"), golden,
                        rows.getInt("record_count"), rows.getInt("version"), Jdbc.instant(rows, "created_at"),
                        Jdbc.instant(rows, "updated_at")));
            }
        }
        return identities;
    }
}
