package rhix.mpi.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import rhix.api.mpi.v1.Gender;
import rhix.api.mpi.v1.LinkOutcome;
import rhix.api.mpi.v1.LocalIdentity;
import rhix.api.mpi.v1.LocalRecordKey;
import rhix.api.mpi.v1.LocateRecordsRequest;
import rhix.api.mpi.v1.LocateRecordsResponse;
import rhix.api.mpi.v1.MasterPatientIndexServiceGrpc.MasterPatientIndexServiceBlockingStub;
import rhix.api.mpi.v1.RegisterIdentitiesRequest;
import rhix.api.mpi.v1.RegisteredIdentity;
import rhix.api.mpi.v1.RetractIdentitiesRequest;
import rhix.identity.AdminDivisionCode;
import rhix.identity.ResidentId;
import rhix.mpi.MpiTestService;

/** Incremental matching through the node-facing gRPC API, on PostgreSQL: links, review band, refusals, the locator. */
class MasterPatientIndexTest {

    private static MpiTestService mpi;
    private static MasterPatientIndexServiceBlockingStub county;

    @BeforeAll
    static void start() {
        mpi = MpiTestService.start("mpi_index");
        county = mpi.stub("county-330102");
    }

    @AfterAll
    static void stop() {
        mpi.close();
    }

    @Test
    void theSamePersonAtTwoNodesIsOneEnterpriseIdentityAndTheLocatorFindsBoth() {
        String id = residentId("330102", LocalDate.of(1971, 4, 9), 11);
        RegisteredIdentity first = register(identity("county-330102", "p-1", "王建国", "wang jian guo", id, "1971-04-09", "13900001111"));
        RegisteredIdentity second = register(identity("city-330100", "q-7", "王建国", "Wang Jianguo", id.substring(0, 6) + id.substring(8, 17),
                "1971-04-09", "13900001111"));

        assertThat(first.getOutcome()).isEqualTo(LinkOutcome.LINK_OUTCOME_NEW_IDENTITY);
        assertThat(second.getOutcome()).isEqualTo(LinkOutcome.LINK_OUTCOME_LINKED);
        assertThat(second.getEnterpriseId()).isEqualTo(first.getEnterpriseId());
        assertThat(second.getScore()).isGreaterThan(mpi.bean(ActivePolicy.class).policy().linkThreshold());

        LocateRecordsResponse located = county.locateRecords(LocateRecordsRequest.newBuilder()
                .setLocalRecord(LocalRecordKey.newBuilder().setNodeId("city-330100").setLocalId("q-7")).setPurposeOfUse("TREAT").build());
        assertThat(located.getEnterpriseId()).isEqualTo(first.getEnterpriseId());
        assertThat(located.getRecordsList()).extracting(r -> r.getNodeId() + "/" + r.getLocalId())
                .containsExactlyInAnyOrder("county-330102/p-1", "city-330100/q-7");
    }

    @Test
    void aHomophoneNameWithoutAnIdNumberLinksThroughPhoneAndBirthDate() {
        String id = residentId("330225", LocalDate.of(1988, 2, 3), 21);
        RegisteredIdentity first = register(identity("county-330225", "a-1", "李伟", "li wei", id, "1988-02-03", "13811112222"));
        RegisteredIdentity second = register(identity("city-330200", "b-1", "李卫", "li wei", "", "1988-02-03", "13811112222"));

        assertThat(second.getOutcome()).isEqualTo(LinkOutcome.LINK_OUTCOME_LINKED);
        assertThat(second.getEnterpriseId()).isEqualTo(first.getEnterpriseId());
    }

    @Test
    void aGreyBandMatchGetsItsOwnIdentityAndAReviewTask() throws SQLException {
        register(identity("county-330102", "g-1", "赵敏", "zhao min", "", "1990-06-15", "13700000001"));
        // Same name and birth date, nothing else to go on, living in another city: maybe, maybe not.
        RegisteredIdentity grey = register(identity("county-330225", "g-2", "赵敏", "zhao min", "", "1990-06-15", ""));

        assertThat(grey.getOutcome()).isEqualTo(LinkOutcome.LINK_OUTCOME_REVIEW);
        assertThat(count("SELECT count(*) FROM review_task WHERE node_id = 'county-330225' AND local_id = 'g-2' AND status = 'OPEN'"))
                .isEqualTo(1);
    }

    @Test
    void anInvalidIdNumberIsKeptAndFlaggedButNeverLinksOnItsOwn() throws SQLException {
        String valid = residentId("330102", LocalDate.of(1960, 1, 1), 31);
        String invalid = valid.substring(0, 17) + (valid.charAt(17) == '0' ? '1' : '0');
        RegisteredIdentity first = register(identity("county-330102", "x-1", "陈红", "chen hong", invalid, "1960-01-01", ""));
        RegisteredIdentity second = register(identity("city-330100", "x-2", "周强", "zhou qiang", invalid, "1975-09-30", ""));

        assertThat(first.getResidentIdInvalid()).isTrue();
        assertThat(second.getOutcome()).isEqualTo(LinkOutcome.LINK_OUTCOME_NEW_IDENTITY);
        assertThat(second.getEnterpriseId()).isNotEqualTo(first.getEnterpriseId());
        assertThat(count("SELECT count(*) FROM identity_record WHERE local_id = 'x-1' AND raw_resident_id = '" + invalid
                + "' AND resident_id IS NULL AND resident_id_invalid")).isEqualTo(1);
    }

    @Test
    void aRequestWithAnUnmatchableRecordIsRefusedWholeNamingIt() throws SQLException {
        long before = count("SELECT count(*) FROM identity_record");

        assertThatThrownBy(() -> county.registerIdentities(RegisterIdentitiesRequest.newBuilder()
                .addIdentities(identity("county-330102", "ok-1", "孙丽", "sun li", "", "1982-12-01", "13600000009"))
                .addIdentities(identity("county-330102", "bad-1", "", "", "", "1982-12-01", "13600000009"))
                .build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription()).contains("county-330102/bad-1").contains("name");
                });
        assertThatThrownBy(() -> county.registerIdentities(RegisterIdentitiesRequest.newBuilder()
                .addIdentities(identity("county-330102", "ok-2", "孙丽", "sun li", "", "1982-13-01", "")).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getDescription()).contains("identities[0].birth_date"));
        assertThatThrownBy(() -> county.registerIdentities(RegisterIdentitiesRequest.newBuilder()
                .addIdentities(identity("county-330102", "", "孙丽", "sun li", "", "1982-12-01", "")).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getDescription()).contains("identities[0].local_id is required"));
        assertThat(count("SELECT count(*) FROM identity_record")).isEqualTo(before);
    }

    @Test
    void locatingNeedsAPurposeAndAnUnknownPersonIsNotFound() {
        assertThatThrownBy(() -> county.locateRecords(LocateRecordsRequest.newBuilder().setEnterpriseId("nobody").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription()).contains("purpose_of_use");
                });
        assertThatThrownBy(() -> county.locateRecords(LocateRecordsRequest.newBuilder().setEnterpriseId("nobody")
                .setPurposeOfUse("TREAT").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    }

    @Test
    void aRetractedRecordLeavesItsIdentityAndTheGoldenRecordFollows() throws SQLException {
        String id = residentId("330106", LocalDate.of(1955, 11, 20), 41);
        RegisteredIdentity kept = register(identity("county-330106", "r-1", "刘洋", "liu yang", id, "1955-11-20", "13500000001"));
        register(identity("city-330100", "r-2", "刘洋", "liu yang", id, "1955-11-20", "13500000002"));
        assertThat(count("SELECT record_count FROM enterprise_identity WHERE enterprise_id = '" + kept.getEnterpriseId() + "'"))
                .isEqualTo(2);

        int retracted = county.retractIdentities(RetractIdentitiesRequest.newBuilder()
                .addRecords(LocalRecordKey.newBuilder().setNodeId("city-330100").setLocalId("r-2")).build()).getRetracted();

        assertThat(retracted).isEqualTo(1);
        assertThat(count("SELECT record_count FROM enterprise_identity WHERE enterprise_id = '" + kept.getEnterpriseId() + "'"))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM enterprise_identity WHERE enterprise_id = '" + kept.getEnterpriseId()
                + "' AND phone = '13500000001'")).isEqualTo(1);
    }

    @Test
    void theEventLogRefusesUpdatesAndDeletes() throws SQLException {
        register(identity("county-330102", "e-1", "何静", "he jing", "", "1999-09-09", "13300000003"));
        try (Connection connection = mpi.database().connect(); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeUpdate("UPDATE mpi_event SET actor = 'someone else'"))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> statement.executeUpdate("DELETE FROM mpi_event"))
                    .hasMessageContaining("append-only");
        }
        assertThat(count("SELECT count(*) FROM mpi_event WHERE actor = 'county-330102'")).isPositive();
    }

    static RegisteredIdentity register(LocalIdentity identity) {
        List<RegisteredIdentity> registered = county.registerIdentities(RegisterIdentitiesRequest.newBuilder()
                .addIdentities(identity).build()).getIdentitiesList();
        assertThat(registered).hasSize(1);
        return registered.getFirst();
    }

    static LocalIdentity identity(String node, String localId, String nameZh, String pinyin, String residentId, String birthDate,
                                  String phone) {
        return LocalIdentity.newBuilder().setNodeId(node).setLocalId(localId).setProducerId("H" + node.substring(node.length() - 6) + "001")
                .setLocalIdentifierSystem("http://rhix.org.cn/fhir/sid/mrn/" + node).setLocalIdentifierValue("MRN-" + localId)
                .setNameZh(nameZh).setNamePinyin(pinyin).setGender(Gender.GENDER_FEMALE).setBirthDate(birthDate)
                .setResidentId(residentId).setPhone(phone).setDivisionCode(node.substring(node.length() - 6)).build();
    }

    static String residentId(String division, LocalDate born, int sequence) {
        return ResidentId.of(AdminDivisionCode.of(division), born, sequence).value();
    }

    private static long count(String sql) throws SQLException {
        try (Connection connection = mpi.database().connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
