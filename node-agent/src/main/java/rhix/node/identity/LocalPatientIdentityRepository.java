package rhix.node.identity;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Local patients' identity traits, replaced whenever a new version of the Patient arrives. */
@Singleton
public class LocalPatientIdentityRepository {

    public void replace(Connection connection, List<LocalPatientIdentity> identities, String batchId, OffsetDateTime updatedAt)
            throws SQLException {
        if (identities.isEmpty()) {
            return;
        }
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM local_patient_identity WHERE patient_id = ?")) {
            for (LocalPatientIdentity identity : identities) {
                delete.setString(1, identity.patientId());
                delete.addBatch();
            }
            delete.executeBatch();
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO local_patient_identity (patient_id, producer_id, local_identifier_system, local_identifier_value,"
                        + " resident_id, resident_id_form, name_zh, name_pinyin, gender_code, birth_date, phone, division_code,"
                        + " updated_at, batch_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (LocalPatientIdentity identity : identities) {
                insert.setString(1, identity.patientId());
                insert.setString(2, identity.producerId());
                insert.setString(3, identity.localIdentifierSystem());
                insert.setString(4, identity.localIdentifierValue());
                insert.setString(5, identity.residentId());
                insert.setString(6, identity.residentIdForm().name());
                insert.setString(7, identity.nameZh());
                insert.setString(8, identity.namePinyin());
                insert.setString(9, identity.genderCode());
                if (identity.birthDate() == null) {
                    insert.setNull(10, Types.DATE);
                } else {
                    insert.setObject(10, identity.birthDate());
                }
                insert.setString(11, identity.phone());
                insert.setString(12, identity.divisionCode());
                insert.setObject(13, updatedAt.withOffsetSameInstant(ZoneOffset.UTC));
                insert.setString(14, batchId);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Forgets the traits of deleted patients: the MPI must not link a person through a record that is gone. */
    public void delete(Connection connection, List<String> patientIds) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM local_patient_identity WHERE patient_id = ?")) {
            for (String patientId : patientIds) {
                delete.setString(1, patientId);
                delete.addBatch();
            }
            delete.executeBatch();
        }
    }

    public Optional<LocalPatientIdentity> find(Connection connection, String patientId) throws SQLException {
        return Optional.ofNullable(findAll(connection, List.of(patientId)).get(patientId));
    }

    /** The stored traits of these patients, by patient id; patients without traits are absent. */
    public Map<String, LocalPatientIdentity> findAll(Connection connection, Collection<String> patientIds) throws SQLException {
        Map<String, LocalPatientIdentity> found = new HashMap<>();
        if (patientIds.isEmpty()) {
            return found;
        }
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT patient_id, producer_id, local_identifier_system, local_identifier_value, resident_id, resident_id_form,"
                        + " name_zh, name_pinyin, gender_code, birth_date, phone, division_code"
                        + " FROM local_patient_identity WHERE patient_id IN ("
                        + String.join(", ", Collections.nCopies(patientIds.size(), "?")) + ")")) {
            int parameter = 1;
            for (String patientId : patientIds) {
                select.setString(parameter++, patientId);
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.put(rows.getString(1), new LocalPatientIdentity(rows.getString(1), rows.getString(2),
                            rows.getString(3), rows.getString(4), rows.getString(5), ResidentIdForm.valueOf(rows.getString(6)),
                            rows.getString(7), rows.getString(8), rows.getString(9), rows.getObject(10, LocalDate.class),
                            rows.getString(11), rows.getString(12)));
                }
            }
        }
        return found;
    }
}
