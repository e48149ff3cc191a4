package rhix.node.grant;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import rhix.testing.TestDatabase;

/** 申请—审批 over a real node's HTTP API, with its event store on PostgreSQL. */
class DataUseApiTest {

    private static TestDatabase database;
    private static EmbeddedServer node;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        database = TestDatabase.create("data_use_api");
        node = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "rhix.node.store.url", database.jdbcUrl(),
                "rhix.node.id", "province-330000",
                "rhix.node.level", "PROVINCE",
                "rhix.node.division-code", "330000",
                "rhix.node.grpc.port", 0,
                "micronaut.server.port", -1));
    }

    @AfterAll
    static void stop() {
        node.close();
        database.close();
    }

    @Test
    void anApplicationReviewedInOrderBecomesAGrantAndARevocationEndsIt() throws Exception {
        HttpResponse<String> submitted = post("/data-use/applications", application("dua-1", "lab_result", "loinc_code", "NONE"));
        assertThat(submitted.statusCode()).isEqualTo(201);
        assertThat(submitted.headers().firstValue("Location")).hasValue("/data-use/grants/dua-1");

        assertThat(post("/data-use/applications/dua-1/reviews", review("DEPARTMENT", "dept-zhao", "APPROVE")).body())
                .contains("\"state\":\"UNDER_REVIEW\"");
        assertThat(post("/data-use/applications/dua-1/reviews", review("DATA_SECURITY_COMMITTEE", "committee-chen", "APPROVE")).body())
                .contains("\"state\":\"GRANTED\"");
        awaitState("dua-1", "GRANTED");
        assertThat(get("/data-use/grants/dua-1").body()).contains("\"approvedSteps\":\"DEPARTMENT,DATA_SECURITY_COMMITTEE\"",
                "loinc_code");

        assertThat(post("/data-use/grants/dua-1/revocation", "{\"by\":\"committee-chen\",\"reason\":\"study ended\"}").statusCode())
                .isEqualTo(200);
        awaitState("dua-1", "REVOKED");
        assertThat(eventTypes("dua-1")).containsExactly("DataUseApplicationSubmittedEvent", "ReviewStepApprovedEvent",
                "ReviewStepApprovedEvent", "DataUseGrantedEvent", "DataUseGrantRevokedEvent");
    }

    @Test
    void aGrantPastItsEndReadsAsExpiredEvenBeforeItsExpiryEventArrives() throws Exception {
        post("/data-use/applications", application("dua-6", "lab_result", "loinc_code", "NONE"));
        post("/data-use/applications/dua-6/reviews", review("DEPARTMENT", "dept-zhao", "APPROVE"));
        post("/data-use/applications/dua-6/reviews", review("DATA_SECURITY_COMMITTEE", "committee-chen", "APPROVE"));
        awaitState("dua-6", "GRANTED");
        // As after a restart that lost the in-memory deadline: the row still says GRANTED, its validity has ended.
        try (Connection connection = java.sql.DriverManager.getConnection(database.jdbcUrl(), database.user(), "");
             Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE data_use_grant SET valid_until = CURRENT_TIMESTAMP - INTERVAL '1 second' WHERE grant_id = 'dua-6'");
        }

        assertThat(get("/data-use/grants/dua-6").body()).contains("\"state\":\"EXPIRED\"");
        assertThat(get("/data-use/grants?state=GRANTED").body()).doesNotContain("dua-6");
        assertThat(get("/data-use/grants?state=EXPIRED").body()).contains("dua-6");
    }

    @Test
    void theCommitteeBeforeTheDepartmentIsRefusedWithItsCodeAndNothingStored() throws Exception {
        post("/data-use/applications", application("dua-2", "lab_result", "loinc_code", "NONE"));

        HttpResponse<String> refused = post("/data-use/applications/dua-2/reviews", review("DATA_SECURITY_COMMITTEE", "committee-chen", "APPROVE"));

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("\"code\":\"DATA_USE_STEP_OUT_OF_ORDER\"");
        assertThat(eventTypes("dua-2")).containsExactly("DataUseApplicationSubmittedEvent");
    }

    @Test
    void aResearchApplicationForAResidentIdInClearIsRefusedByPolicyBeforeAnyReview() throws Exception {
        HttpResponse<String> refused = post("/data-use/applications", application("dua-3", "patient", "resident_id", "NONE"));

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("DATA_USE_POLICY_REFUSED", "patient.resident_id");
        assertThat(eventTypes("dua-3")).isEmpty();
    }

    @Test
    void anUnclassifiedColumnAndAMalformedRequestAreRefusedClearly() throws Exception {
        HttpResponse<String> unclassified = post("/data-use/applications", application("dua-4", "lab_result", "shoe_size", "NONE"));
        assertThat(unclassified.statusCode()).isEqualTo(422);
        assertThat(unclassified.body()).contains("lab_result.shoe_size");

        HttpResponse<String> badMethod = post("/data-use/applications", application("dua-5", "lab_result", "loinc_code", "SCRAMBLE"));
        assertThat(badMethod.statusCode()).isEqualTo(400);
        assertThat(badMethod.body()).contains("DATA_USE_INVALID_REQUEST", "views[].columns[].deidentification", "SCRAMBLE");

        HttpResponse<String> unknown = post("/data-use/applications/nobody/reviews", review("DEPARTMENT", "dept-zhao", "APPROVE"));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(get("/data-use/grants/nobody").statusCode()).isEqualTo(404);
        assertThat(eventTypes("dua-4")).isEmpty();
        assertThat(eventTypes("dua-5")).isEmpty();
    }

    private static String application(String id, String view, String column, String method) {
        return """
                {"applicationId":"%s","applicant":"researcher-wang","organisation":"Zhejiang University","purpose":"HRESCH",
                 "views":[{"view":"%s","columns":[{"column":"%s","deidentification":"%s"}]}],
                 "rowScope":{"filter":"effective >= 2025-01-01","divisionCodes":["330100"]},"durationDays":30,"kind":"TEMPORARY"}
                """.formatted(id, view, column, method);
    }

    private static String review(String step, String reviewer, String decision) {
        return "{\"step\":\"" + step + "\",\"reviewer\":\"" + reviewer + "\",\"decision\":\"" + decision + "\",\"note\":\"ok\"}";
    }

    private static HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(node.getURL() + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(node.getURL() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void awaitState(String grantId, String state) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String body = "";
        while (System.nanoTime() < deadline) {
            body = get("/data-use/grants/" + grantId).body();
            if (body.contains("\"state\":\"" + state + "\"")) {
                return;
            }
            Thread.sleep(25);
        }
        throw new AssertionError(grantId + " did not reach " + state + ": " + body);
    }

    private static java.util.List<String> eventTypes(String aggregate) throws Exception {
        java.util.List<String> types = new java.util.ArrayList<>();
        try (Connection connection = java.sql.DriverManager.getConnection(database.jdbcUrl(), database.user(), "");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT payloadtype FROM domainevententry WHERE aggregateidentifier = '"
                     + aggregate + "' ORDER BY sequencenumber")) {
            while (rows.next()) {
                types.add(rows.getString(1).substring(rows.getString(1).lastIndexOf('.') + 1));
            }
        }
        return types;
    }
}
