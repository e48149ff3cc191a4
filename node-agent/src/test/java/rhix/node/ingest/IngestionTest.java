package rhix.node.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static rhix.node.ingest.TestResources.FHIR;
import static rhix.node.ingest.TestResources.encounter;
import static rhix.node.ingest.TestResources.glucose;
import static rhix.node.ingest.TestResources.hospital;
import static rhix.node.ingest.TestResources.ndjson;
import static rhix.node.ingest.TestResources.patient;
import static rhix.node.ingest.TestResources.validResidentId;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import rhix.fhir.RhixNamingSystems;
import rhix.testing.TestDatabase;

/** Ingestion over HTTP into a node whose store is a fresh PostgreSQL database. */
class IngestionTest {

    private static TestDatabase database;
    private static EmbeddedServer server;
    private static HttpClient client;

    @BeforeAll
    static void startNode() {
        database = TestDatabase.create("ingest");
        server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "rhix.node.store.url", database.jdbcUrl(),
                "rhix.node.id", "county-330102",
                "rhix.node.level", "COUNTY",
                "rhix.node.division-code", "330102",
                "rhix.node.grpc.port", 0,
                "micronaut.server.port", -1));
        client = server.getApplicationContext().createBean(HttpClient.class, server.getURL());
    }

    @AfterAll
    static void stopNode() {
        client.close();
        server.close();
        database.close();
    }

    @Test
    void storesAnNdjsonBatchWithItsIndexIdentityAndLedgerRow() throws SQLException {
        String payload = ndjson(hospital("rt"), patient("rt", validResidentId()), encounter("rt"), glucose("rt", 5.4));

        HttpResponse<IngestReport> response = post(payload, "application/fhir+ndjson", "HIS");

        assertThat(response.status().getCode()).isEqualTo(201);
        IngestReport report = response.body();
        assertThat(report.status()).isEqualTo(BatchStatus.ACCEPTED);
        assertThat(report.resourceCount()).isEqualTo(4);
        assertThat(report.created()).isEqualTo(4);
        assertThat(report.payloadSha256()).isEqualTo(rhix.node.store.ContentHash.sha256(payload));
        Observation stored = (Observation) FHIR.newJsonParser().parseResource(
                queryString("SELECT content FROM fhir_resource WHERE resource_type = 'Observation' AND resource_id = 'rt-o1'"));
        assertThat(stored.getValueQuantity().getValue().doubleValue()).isEqualTo(5.4);
        assertThat(queryLong("SELECT count(*) FROM fhir_search_reference WHERE resource_id = 'rt-o1'"
                + " AND param_name = 'patient' AND target_id = 'rt-p1'")).isEqualTo(1);
        assertThat(queryLong("SELECT count(*) FROM fhir_search_token WHERE resource_id = 'rt-o1'"
                + " AND param_name = 'code' AND token_code = 'GLU'")).isEqualTo(1);
        assertThat(queryLong("SELECT count(*) FROM fhir_search_date WHERE resource_id = 'rt-o1' AND param_name = 'date'"))
                .isEqualTo(1);
        assertThat(queryString("SELECT resident_id FROM local_patient_identity WHERE patient_id = 'rt-p1'"))
                .isEqualTo(validResidentId().value());
        assertThat(queryString("SELECT name_pinyin FROM local_patient_identity WHERE patient_id = 'rt-p1'"))
                .isEqualTo("zhang wei");
        assertThat(queryString("SELECT status FROM ingest_batch WHERE batch_id = '" + report.batchId() + "'"))
                .isEqualTo("ACCEPTED");
    }

    @Test
    void reingestingTheSameDataCreatesNoNewVersionsAndAChangeCreatesOne() throws SQLException {
        String payload = ndjson(hospital("idem"), patient("idem", validResidentId()), encounter("idem"), glucose("idem", 6.1));
        post(payload, "application/fhir+ndjson", "LIS");

        IngestReport again = post(payload, "application/fhir+ndjson", "LIS").body();

        assertThat(again.created()).isZero();
        assertThat(again.updated()).isZero();
        assertThat(again.unchanged()).isEqualTo(4);
        assertThat(queryLong("SELECT count(*) FROM fhir_resource_history WHERE resource_id LIKE 'idem-%'")).isEqualTo(4);

        IngestReport changed = post(ndjson(glucose("idem", 7.9)), "application/fhir+ndjson", "LIS").body();

        assertThat(changed.updated()).isEqualTo(1);
        assertThat(queryLong("SELECT version_id FROM fhir_resource WHERE resource_id = 'idem-o1'")).isEqualTo(2);
        assertThat(queryLong("SELECT count(*) FROM fhir_resource_history WHERE resource_id = 'idem-o1'")).isEqualTo(2);
        assertThat(queryLong("SELECT count(*) FROM fhir_search_token WHERE resource_id = 'idem-o1' AND param_name = 'code'"))
                .as("the index holds the current version only").isEqualTo(1);
    }

    @Test
    void aMalformedResourceRejectsTheWholeBatchWithItsLine() throws SQLException {
        String payload = ndjson(hospital("bad"), patient("bad", validResidentId()))
                + "{\"resourceType\":\"Observation\",\"id\":\"bad-o1\",\"status\":\"final\",\"colour\":\"red\"}\n";

        HttpClientResponseException error = postExpectingError(payload, "application/fhir+ndjson");

        assertThat(error.getStatus().getCode()).isEqualTo(422);
        OperationOutcome outcome = outcomeOf(error);
        assertThat(outcome.getIssue()).anySatisfy(issue -> {
            assertThat(issue.getCode()).isEqualTo(OperationOutcome.IssueType.STRUCTURE);
            assertThat(issue.getLocation()).extracting(Object::toString).containsExactly("line 3");
            assertThat(issue.getDiagnostics()).contains("colour");
        });
        assertThat(queryLong("SELECT count(*) FROM fhir_resource WHERE resource_id LIKE 'bad-%'"))
                .as("nothing of a rejected batch is stored").isZero();
        assertThat(queryLong("SELECT count(*) FROM local_patient_identity WHERE patient_id LIKE 'bad-%'")).isZero();
        assertThat(queryLong("SELECT count(*) FROM ingest_batch WHERE status = 'REJECTED' AND rejected_count = 3"))
                .as("the ledger records the rejection").isGreaterThanOrEqualTo(1);
    }

    @Test
    void anInvalidResidentIdNumberIsRejectedWithItsRuleAndPath() throws SQLException {
        Patient patient = patient("badid", null);
        String valid = validResidentId().value();
        char wrongCheck = valid.charAt(17) == '1' ? '2' : '1';
        patient.addIdentifier().setSystem(RhixNamingSystems.RESIDENT_ID).setValue(valid.substring(0, 17) + wrongCheck);

        HttpClientResponseException error = postExpectingError(ndjson(hospital("badid"), patient), "application/fhir+ndjson");

        assertThat(error.getStatus().getCode()).isEqualTo(422);
        assertThat(outcomeOf(error).getIssue()).anySatisfy(issue -> {
            assertThat(issue.getCode()).isEqualTo(OperationOutcome.IssueType.VALUE);
            assertThat(issue.getDiagnostics()).contains("Patient/badid-p1").contains("fails the GB 11643 check character")
                    .doesNotContain(valid.substring(6));
            assertThat(issue.getExpression()).extracting(Object::toString).containsExactly("Patient.identifier[1].value");
        });
        assertThat(queryLong("SELECT count(*) FROM fhir_resource WHERE resource_id LIKE 'badid-%'")).isZero();
    }

    @Test
    void aMissingRequiredElementAndAnUnresolvableReferenceAreNamed() {
        Observation noStatus = glucose("req", 5.0);
        noStatus.setStatus(null);
        Observation orphan = glucose("req", 5.0);
        orphan.setId("req-o2");
        orphan.getSubject().setReference("Patient/nobody");
        orphan.setEncounter(null);

        HttpClientResponseException error = postExpectingError(
                ndjson(hospital("req"), patient("req", validResidentId()), encounter("req"), noStatus, orphan),
                "application/fhir+ndjson");

        assertThat(outcomeOf(error).getIssue())
                .anySatisfy(issue -> {
                    assertThat(issue.getCode()).isEqualTo(OperationOutcome.IssueType.REQUIRED);
                    assertThat(issue.getExpression()).extracting(Object::toString).containsExactly("Observation.status");
                })
                .anySatisfy(issue -> {
                    assertThat(issue.getCode()).isEqualTo(OperationOutcome.IssueType.NOTFOUND);
                    assertThat(issue.getDiagnostics()).contains("Observation/req-o2").contains("Patient/nobody");
                });
    }

    @Test
    void aNonAtomicBatchKeepsGoodResourcesAndCascadesRejectionToReferrers() throws SQLException {
        Patient badPatient = patient("part", null);
        badPatient.addIdentifier().setSystem(RhixNamingSystems.RESIDENT_ID).setValue("12345");
        Observation referrer = glucose("part", 4.4);
        referrer.setEncounter(null);
        var goodOrganization = hospital("part");

        IngestReport report = client.toBlocking().exchange(HttpRequest.POST(
                        "/ingest/batches?producer=H330102001&atomic=false", ndjson(goodOrganization, badPatient, referrer))
                .contentType("application/fhir+ndjson"), IngestReport.class).body();

        assertThat(report.status()).isEqualTo(BatchStatus.PARTIAL);
        assertThat(report.created()).isEqualTo(1);
        assertThat(report.rejected()).isEqualTo(2);
        assertThat(queryLong("SELECT count(*) FROM fhir_resource WHERE resource_id LIKE 'part-%'")).isEqualTo(1);
    }

    @Test
    void aTransactionBundleWithUuidReferencesIsStoredWithResolvedReferences() throws SQLException {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        Patient patient = patient("tx", validResidentId());
        patient.setId((String) null);
        Observation observation = glucose("tx", 5.5);
        observation.setEncounter(null);
        observation.getSubject().setReference("urn:uuid:0b7e7c3e-58d4-4a3a-9c11-0c5a4c6a1b01");
        bundle.addEntry().setFullUrl("urn:uuid:0b7e7c3e-58d4-4a3a-9c11-0c5a4c6a1b01").setResource(patient)
                .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
        bundle.addEntry().setResource(observation).getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl("Observation/tx-o1");

        IngestReport report = post(FHIR.newJsonParser().encodeResourceToString(bundle), "application/fhir+json", "HIS").body();

        assertThat(report.created()).isEqualTo(2);
        Observation stored = (Observation) FHIR.newJsonParser().parseResource(
                queryString("SELECT content FROM fhir_resource WHERE resource_id = 'tx-o1'"));
        assertThat(stored.getSubject().getReference()).isEqualTo("Patient/0b7e7c3e-58d4-4a3a-9c11-0c5a4c6a1b01");
    }

    @Test
    void qualityFindingsAreStoredPerProducerAsOpenWorkItems() throws SQLException {
        Patient patient = patient("qc", validResidentId());
        patient.getTelecom().clear();
        patient.setGender(validResidentId().sex() == rhix.identity.Gender.MALE
                ? org.hl7.fhir.r4.model.Enumerations.AdministrativeGender.FEMALE
                : org.hl7.fhir.r4.model.Enumerations.AdministrativeGender.MALE);

        IngestReport report = client.toBlocking().exchange(HttpRequest.POST(
                        "/ingest/batches?producer=H330127001&source=HIS", ndjson(hospital("qc"), patient))
                .contentType("application/fhir+ndjson"), IngestReport.class).body();

        assertThat(report.status()).isEqualTo(BatchStatus.ACCEPTED);
        assertThat(report.findings()).isEqualTo(2);
        var findings = client.toBlocking().retrieve(HttpRequest.GET("/quality/findings?producer=H330127001&status=OPEN"),
                Argument.listOf(rhix.node.quality.StoredFinding.class));
        assertThat(findings).extracting(rhix.node.quality.StoredFinding::ruleId).containsExactlyInAnyOrder("C01", "S02");
        assertThat(findings).allSatisfy(finding -> assertThat(finding.resourceId()).isEqualTo("qc-p1"));
    }

    @Test
    void aFinishedBatchCanBeLookedUpAndNothingIsRunningWhenIdle() {
        IngestReport report = post(ndjson(hospital("look")), "application/fhir+ndjson", "HIS").body();

        IngestReport found = client.toBlocking().retrieve(HttpRequest.GET("/ingest/batches/" + report.batchId()),
                IngestReport.class);
        assertThat(found.batchId()).isEqualTo(report.batchId());
        assertThat(found.created()).isEqualTo(1);
        assertThat(found.payloadSha256()).isEqualTo(report.payloadSha256());
        assertThat(client.toBlocking().retrieve(HttpRequest.GET("/ingest/batches/running"),
                Argument.listOf(IngestProgress.Snapshot.class))).isEmpty();
        HttpClientResponseException missing = assertThrowsHttp(() -> client.toBlocking().exchange(
                HttpRequest.GET("/ingest/batches/no-such-batch"), String.class));
        assertThat(missing.getStatus().getCode()).isEqualTo(404);
    }

    @Test
    void anUnsupportedContentTypeAndAMissingProducerAreRefused() {
        HttpClientResponseException error = assertThrowsHttp(() -> client.toBlocking().exchange(
                HttpRequest.POST("/ingest/batches?producer=H1", "a,b,c").contentType("text/csv"), String.class));
        assertThat(error.getStatus().getCode()).isEqualTo(415);

        HttpClientResponseException missing = assertThrowsHttp(() -> client.toBlocking().exchange(
                HttpRequest.POST("/ingest/batches", ndjson(hospital("np"))).contentType("application/fhir+ndjson"), String.class));
        assertThat(missing.getStatus().getCode()).isEqualTo(400);
    }

    private HttpResponse<IngestReport> post(String payload, String contentType, String source) {
        return client.toBlocking().exchange(HttpRequest.POST("/ingest/batches?producer=" + TestResources.HOSPITAL
                + "&source=" + source, payload).contentType(contentType), IngestReport.class);
    }

    private HttpClientResponseException postExpectingError(String payload, String contentType) {
        return assertThrowsHttp(() -> post(payload, contentType, "HIS"));
    }

    private static HttpClientResponseException assertThrowsHttp(Runnable call) {
        return org.junit.jupiter.api.Assertions.assertThrows(HttpClientResponseException.class, call::run);
    }

    private static OperationOutcome outcomeOf(HttpClientResponseException error) {
        String body = error.getResponse().getBody(String.class).orElseThrow();
        return (OperationOutcome) FHIR.newJsonParser().parseResource(body);
    }

    private static long queryLong(String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static String queryString(String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
