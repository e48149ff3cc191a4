package rhix.node.ingest;

import static rhix.node.terminology.TerminologyStandIn.answer;
import static org.assertj.core.api.Assertions.assertThat;
import static rhix.node.ingest.TestResources.encounter;
import static rhix.node.ingest.TestResources.glucose;
import static rhix.node.ingest.TestResources.hospital;
import static rhix.node.ingest.TestResources.ndjson;
import static rhix.node.ingest.TestResources.patient;
import static rhix.node.ingest.TestResources.validResidentId;

import com.sun.net.httpserver.HttpServer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import rhix.node.quality.StoredFinding;
import rhix.node.terminology.UnmappedCodesController;
import rhix.testing.TestDatabase;

/**
 * Rules V04 (local result codes map to LOINC) and V05 (ICD-10 codes are codes) at ingestion, with a stand-in
 * for the remote terminology server answering as its FHIR operations do; and ingestion going on when it is down.
 */
class TerminologyRulesTest {

    private static final String PRODUCER = TestResources.HOSPITAL;
    private static final AtomicInteger calls = new AtomicInteger();
    /** An administrator has published a mapping for TSH. */
    private static volatile boolean tshMapped;
    private static HttpServer terminology;
    private static TestDatabase database;
    private static EmbeddedServer node;
    private static HttpClient client;

    @BeforeAll
    static void start() throws IOException {
        terminology = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        terminology.createContext("/fhir/ConceptMap/$translate", exchange -> {
            calls.incrementAndGet();
            String query = exchange.getRequestURI().getRawQuery();
            boolean mapped = query.contains("code=GLU&") || (tshMapped && query.contains("code=TSH&"));
            answer(exchange, 200, mapped
                    ? "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"result\",\"valueBoolean\":true},{\"name\":\"match\","
                    + "\"part\":[{\"name\":\"equivalence\",\"valueCode\":\"equivalent\"},{\"name\":\"concept\",\"valueCoding\":"
                    + "{\"system\":\"http://loinc.org\",\"code\":\"2345-7\"}}]}]}"
                    : "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"result\",\"valueBoolean\":false},"
                    + "{\"name\":\"message\",\"valueString\":\"no mapping\"}]}");
        });
        terminology.createContext("/fhir/CodeSystem/$validate-code", exchange -> {
            calls.incrementAndGet();
            boolean known = exchange.getRequestURI().getRawQuery().endsWith("code=I10");
            answer(exchange, 200, known
                    ? "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"result\",\"valueBoolean\":true}]}"
                    : "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"result\",\"valueBoolean\":false},"
                    + "{\"name\":\"message\",\"valueString\":\"Unknown code 'I99.99' in the CodeSystem\"}]}");
        });
        terminology.start();
        database = TestDatabase.create("terminology_rules");
        node = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "rhix.node.store.url", database.jdbcUrl(),
                "rhix.node.id", "county-330102",
                "rhix.node.level", "COUNTY",
                "rhix.node.division-code", "330102",
                "rhix.node.grpc.port", 0,
                "rhix.node.terminology.url", "http://127.0.0.1:" + terminology.getAddress().getPort() + "/fhir",
                "rhix.node.terminology.timeout", "1s",
                "micronaut.server.port", -1));
        client = node.getApplicationContext().createBean(HttpClient.class, node.getURL());
    }

    @AfterAll
    static void stop() {
        client.close();
        node.close();
        database.close();
        terminology.stop(0);
    }

    @Test
    void unmappedLocalCodesAndUnknownIcd10CodesAreFindingsAndIngestionGoesOnWhenTheServerIsDown() {
        Observation tsh = glucose("tx", 2.1);
        tsh.setId("tx-o2");
        tsh.getCode().getCodingFirstRep().setCode("TSH").setDisplay("促甲状腺激素");
        IngestReport report = ingest(ndjson(hospital("tx"), patient("tx", validResidentId()), encounter("tx"), glucose("tx", 5.4), tsh,
                diagnosis("tx-c1", "I10"), diagnosis("tx-c2", "I99.99")));

        assertThat(report.status()).isEqualTo(BatchStatus.ACCEPTED);
        List<StoredFinding> findings = openFindings();
        assertThat(findings).filteredOn(f -> f.ruleId().equals("V04")).singleElement().satisfies(finding -> {
            assertThat(finding.resourceId()).isEqualTo("tx-o2");
            assertThat(finding.message()).contains("local code TSH (促甲状腺激素)", "has no mapping to LOINC");
        });
        assertThat(findings).filteredOn(f -> f.ruleId().equals("V05")).singleElement().satisfies(finding -> {
            assertThat(finding.resourceId()).isEqualTo("tx-c2");
            assertThat(finding.message()).contains("I99.99", "Unknown code");
        });
        int askedBefore = calls.get();
        ingest(ndjson(glucose("tx", 5.6)));
        assertThat(calls.get()).as("the same code again is answered from the cache").isEqualTo(askedBefore);

        List<UnmappedCodesController.UnmappedCode> unmapped = client.toBlocking().retrieve(
                HttpRequest.GET("/terminology/unmapped?producer=" + PRODUCER), Argument.listOf(UnmappedCodesController.UnmappedCode.class));
        assertThat(unmapped).singleElement().satisfies(code -> {
            assertThat(code.code()).isEqualTo("TSH");
            assertThat(code.system()).isEqualTo(tsh.getCode().getCodingFirstRep().getSystem());
            assertThat(code.openFindings()).isEqualTo(1);
        });
        tshMapped = true;
        UnmappedCodesController.Recheck recheck = client.toBlocking().retrieve(
                HttpRequest.POST("/terminology/unmapped/recheck?producer=" + PRODUCER, ""), UnmappedCodesController.Recheck.class);
        assertThat(recheck.nowMapped()).containsExactly("TSH");
        assertThat(recheck.findingsResolved()).isEqualTo(1);
        assertThat(openFindings()).filteredOn(f -> f.ruleId().equals("V04")).isEmpty();

        terminology.stop(0);
        Observation crp = glucose("tx", 8.0);
        crp.setId("tx-o3");
        crp.getCode().getCodingFirstRep().setCode("CRP").setDisplay("C反应蛋白");
        IngestReport whileDown = ingest(ndjson(crp));

        assertThat(whileDown.status()).isEqualTo(BatchStatus.ACCEPTED);
        assertThat(openFindings()).filteredOn(f -> f.resourceId().equals("tx-o3") && f.ruleId().equals("V04")).isEmpty();
        Map<?, ?> usage = (Map<?, ?>) client.toBlocking().retrieve(HttpRequest.GET("/node"), Map.class).get("terminology");
        assertThat(((Number) usage.get("unanswered")).longValue()).isGreaterThanOrEqualTo(1);
        assertThat((String) usage.get("url")).endsWith("/fhir");
    }

    private static Condition diagnosis(String id, String icd10) {
        Condition condition = new Condition();
        condition.setId(id);
        condition.getSubject().setReference("Patient/tx-p1");
        condition.getCode().addCoding().setSystem("http://hl7.org/fhir/sid/icd-10").setCode(icd10);
        return condition;
    }

    private static IngestReport ingest(String payload) {
        return client.toBlocking().exchange(HttpRequest.POST("/ingest/batches?producer=" + PRODUCER + "&source=HIS", payload)
                .contentType("application/fhir+ndjson"), IngestReport.class).body();
    }

    private static List<StoredFinding> openFindings() {
        return client.toBlocking().retrieve(HttpRequest.GET("/quality/findings?producer=" + PRODUCER + "&status=OPEN&limit=100"),
                Argument.listOf(StoredFinding.class));
    }
}
