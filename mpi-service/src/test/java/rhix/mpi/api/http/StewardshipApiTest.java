package rhix.mpi.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import rhix.api.mpi.v1.LinkOutcome;
import rhix.api.mpi.v1.RegisterIdentitiesRequest;
import rhix.api.mpi.v1.RegisteredIdentity;
import rhix.identity.AdminDivisionCode;
import rhix.identity.ResidentId;
import rhix.mpi.MpiTestService;
import rhix.api.mpi.v1.LocalIdentity;
import rhix.api.mpi.v1.Gender;

/** The administration API on PostgreSQL: the review queue, merge and unmerge round trips, the model report and override. */
class StewardshipApiTest {

    private static MpiTestService mpi;
    private static BlockingHttpClient http;

    @BeforeAll
    static void start() {
        mpi = MpiTestService.start("mpi_steward");
        http = HttpClient.create(mpi.bean(EmbeddedServer.class).getURL()).toBlocking();
    }

    @AfterAll
    static void stop() {
        mpi.close();
    }

    @Test
    void mergeThenUnmergeRestoresExactlyWhatWasThere() throws SQLException {
        RegisteredIdentity a = register("county-330102", "m-1", "钱芳", "qian fang", id("330102", 1980, 5, 6, 51), "1980-05-06", "13100000001");
        register("city-330100", "m-2", "钱芳", "qian fang", id("330102", 1980, 5, 6, 51), "1980-05-06", "13100000001");
        RegisteredIdentity b = register("county-330225", "m-3", "钱方", "qian fang", "", "1980-05-07", "13100000099");
        assertThat(b.getEnterpriseId()).isNotEqualTo(a.getEnterpriseId());
        List<String> before = snapshot();

        MergeView merged = http.retrieve(post("/mpi/identities/merge", Map.of("survivor", a.getEnterpriseId(),
                "retired", b.getEnterpriseId(), "reason", "same person: confirmed by phone")), MergeView.class);
        assertThat(merged.moved()).extracting(key -> key.toString()).containsExactly("county-330225/m-3");
        assertThat(count("SELECT record_count FROM enterprise_identity WHERE enterprise_id = '" + a.getEnterpriseId() + "'")).isEqualTo(3);
        assertThat(count("SELECT count(*) FROM enterprise_identity WHERE enterprise_id = '" + b.getEnterpriseId()
                + "' AND status = 'MERGED' AND merged_into = '" + a.getEnterpriseId() + "'")).isEqualTo(1);
        assertThat(snapshot()).isNotEqualTo(before);

        MergeView unmerged = http.retrieve(post("/mpi/identities/unmerge", Map.of("mergeSequence", merged.mergeSequence(),
                "reason", "different people after all")), MergeView.class);

        assertThat(unmerged.retired()).isEqualTo(b.getEnterpriseId());
        assertThat(snapshot()).isEqualTo(before);
        assertThatThrownBy(() -> http.retrieve(post("/mpi/identities/unmerge", Map.of("mergeSequence", merged.mergeSequence())),
                MergeView.class))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.CONFLICT.getCode());
                    assertThat(problem(e)).contains("no longer in force");
                });
    }

    @Test
    void acceptingAReviewMergesTheRecordIntoTheCandidateAndRejectingChangesNothing() throws SQLException {
        RegisteredIdentity first = register("county-330102", "v-1", "孔亮", "kong liang", "", "1977-07-17", "");
        RegisteredIdentity grey = register("county-330225", "v-2", "孔亮", "kong liang", "", "1977-07-17", "");
        RegisteredIdentity grey2 = register("county-330381", "v-3", "孔亮", "kong liang", "", "1977-07-17", "");
        assertThat(grey.getOutcome()).isEqualTo(LinkOutcome.LINK_OUTCOME_REVIEW);
        ReviewController.TaskPage open = http.retrieve(HttpRequest.GET("/mpi/review?status=open&limit=500"),
                ReviewController.TaskPage.class);
        long task = taskFor(open, "v-2");
        long other = taskFor(open, "v-3");
        assertThat(open.tasks().stream().filter(t -> t.taskId() == task).findFirst().orElseThrow().agreements())
                .containsEntry("NAME", "AGREE").containsEntry("BIRTH_DATE", "AGREE");

        MergeView accepted = http.retrieve(post("/mpi/review/" + task + "/accept", Map.of("reason", "same ID card seen")),
                MergeView.class);
        ReviewController.TaskView rejected = http.retrieve(post("/mpi/review/" + other + "/reject", Map.of("reason", "other person")),
                ReviewController.TaskView.class);

        assertThat(accepted.survivor()).isEqualTo(first.getEnterpriseId());
        assertThat(accepted.retired()).isEqualTo(grey.getEnterpriseId());
        assertThat(count("SELECT count(*) FROM identity_link WHERE local_id = 'v-2' AND enterprise_id = '"
                + first.getEnterpriseId() + "'")).isEqualTo(1);
        assertThat(rejected.status()).isEqualTo("REJECTED");
        assertThat(count("SELECT count(*) FROM identity_link WHERE local_id = 'v-3' AND enterprise_id = '"
                + grey2.getEnterpriseId() + "'")).isEqualTo(1);
        assertThatThrownBy(() -> http.retrieve(post("/mpi/review/" + task + "/accept", Map.of()), MergeView.class))
                .isInstanceOfSatisfying(HttpClientResponseException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.CONFLICT.getCode()));
    }

    @Test
    void decisionsNeedADecider() {
        assertThatThrownBy(() -> http.retrieve(HttpRequest.POST("/mpi/review/1/reject", Map.of()), Object.class))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.BAD_REQUEST.getCode());
                    assertThat(problem(e)).contains("X-User");
                });
    }

    @Test
    void theModelIsReportedAndAnOverrideTakesEffectForTheNextDecision() {
        ModelController.ModelReport report = http.retrieve(HttpRequest.GET("/mpi/model"), ModelController.ModelReport.class);
        assertThat(report.parameters().weights().get("RESIDENT_ID").getFirst()).isGreaterThan(5);

        Map<String, Object> override = Map.of("parameters", Map.of("m", report.parameters().m(), "u", report.parameters().u(),
                "matchPrevalence", 0.1), "linkThreshold", 100.0, "reviewThreshold", 90.0);
        ModelController.ModelReport stored = http.retrieve(HttpRequest.PUT("/mpi/model", override).header("X-User", "admin-zhou"),
                ModelController.ModelReport.class);
        RegisteredIdentity first = register("county-330102", "o-1", "吴刚", "wu gang", id("330102", 1966, 6, 6, 61), "1966-06-06", "");
        RegisteredIdentity second = register("county-330106", "o-2", "吴刚", "wu gang", id("330102", 1966, 6, 6, 61), "1966-06-06", "");

        assertThat(stored.source()).isEqualTo("OVERRIDE");
        assertThat(stored.createdBy()).isEqualTo("admin-zhou");
        assertThat(second.getEnterpriseId()).as("nothing links under a threshold of 100").isNotEqualTo(first.getEnterpriseId());
        assertThatThrownBy(() -> http.retrieve(HttpRequest.PUT("/mpi/model", Map.of("parameters", Map.of("m", Map.of(), "u",
                Map.of(), "matchPrevalence", 0.1), "linkThreshold", 1.0, "reviewThreshold", 0.0)).header("X-User", "admin"), Object.class))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.BAD_REQUEST.getCode());
                    assertThat(problem(e)).contains("three probabilities");
                });
        // Put the default thresholds back for the other tests.
        http.retrieve(HttpRequest.PUT("/mpi/model", Map.of("parameters", Map.of("m", report.parameters().m(), "u",
                report.parameters().u(), "matchPrevalence", report.parameters().matchPrevalence()), "linkThreshold",
                report.linkThreshold(), "reviewThreshold", report.reviewThreshold())).header("X-User", "admin"), Object.class);
    }

    private static String problem(HttpClientResponseException e) {
        Problem problem = e.getResponse().getBody(Problem.class).orElseThrow();
        return problem.message();
    }

    private static long taskFor(ReviewController.TaskPage page, String localId) {
        return page.tasks().stream().filter(t -> t.record().localId().equals(localId)).findFirst().orElseThrow().taskId();
    }

    private static HttpRequest<Object> post(String path, Object body) {
        return HttpRequest.POST(path, body).header("X-User", "steward-lin");
    }

    /** Links and identities as rows, for comparing the whole state before and after. */
    private static List<String> snapshot() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = mpi.database().connect(); Statement statement = connection.createStatement()) {
            try (ResultSet links = statement.executeQuery("SELECT node_id, local_id, enterprise_id, method, score, vector,"
                    + " matched_node_id, matched_local_id, linked_at FROM identity_link ORDER BY node_id, local_id")) {
                while (links.next()) {
                    rows.add("link " + links.getString(1) + "/" + links.getString(2) + " " + links.getString(3) + " " + links.getString(4)
                            + " " + links.getString(5) + " " + links.getString(6) + " " + links.getString(7) + "/" + links.getString(8)
                            + " " + links.getString(9));
                }
            }
            try (ResultSet identities = statement.executeQuery("SELECT enterprise_id, status, merged_into, resident_id, name_zh,"
                    + " name_pinyin, gender, birth_date, phone, division_code, record_count FROM enterprise_identity ORDER BY enterprise_id")) {
                while (identities.next()) {
                    StringBuilder row = new StringBuilder("identity");
                    for (int i = 1; i <= 11; i++) {
                        row.append(' ').append(identities.getString(i));
                    }
                    rows.add(row.toString());
                }
            }
        }
        return rows;
    }

    private static RegisteredIdentity register(String node, String localId, String name, String pinyin, String residentId,
                                               String birthDate, String phone) {
        return mpi.stub(node).registerIdentities(RegisterIdentitiesRequest.newBuilder().addIdentities(LocalIdentity.newBuilder()
                .setNodeId(node).setLocalId(localId).setNameZh(name).setNamePinyin(pinyin).setResidentId(residentId)
                .setBirthDate(birthDate).setPhone(phone).setGender(Gender.GENDER_MALE)
                .setDivisionCode(node.substring(node.length() - 6))).build()).getIdentities(0);
    }

    private static String id(String division, int year, int month, int day, int sequence) {
        return ResidentId.of(AdminDivisionCode.of(division), LocalDate.of(year, month, day), sequence).value();
    }

    private static long count(String sql) throws SQLException {
        try (Connection connection = mpi.database().connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
