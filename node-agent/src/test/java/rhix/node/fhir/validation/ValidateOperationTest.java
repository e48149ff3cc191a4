package rhix.node.fhir.validation;

import static rhix.node.terminology.TerminologyStandIn.answer;
import static rhix.node.terminology.TerminologyStandIn.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import com.sun.net.httpserver.HttpServer;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Quantity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import rhix.node.fhir.FhirFacade;
import rhix.node.fhir.TestTokens;
import rhix.node.fhir.conformance.ConformingClients;
import rhix.testing.TestDatabase;

/**
 * {@code POST [base]/Observation/$validate} on a node on PostgreSQL, with HAPI's generic client: the node's real
 * validator (HAPI's instance validator over the R4 core and the region's terminology server) against a stand-in
 * for the remote terminology server that answers {@code CodeSystem/$validate-code}, {@code ValueSet/$validate-code}
 * and {@code CodeSystem/$lookup} as the real one does (including its {@code x-caused-by-unknown-system} marker),
 * and that can be taken down.
 */
class ValidateOperationTest {

    private static final String LOINC = "http://loinc.org";
    private static final String UCUM = "http://unitsofmeasure.org";
    /** The LOINC codes the region's server holds in this test. */
    private static final Map<String, String> KNOWN_LOINC = Map.of("2345-7", "Glucose [Mass/volume] in Serum or Plasma",
            "718-7", "Hemoglobin [Mass/volume] in Blood", "2160-0", "Creatinine [Mass/volume] in Serum or Plasma",
            "1742-6", "Alanine aminotransferase [Enzymatic activity/volume] in Serum or Plasma");
    private static final List<String> ASKED = new CopyOnWriteArrayList<>();
    private static volatile boolean terminologyDown;
    private static HttpServer terminology;
    private static TestDatabase database;
    private static ApplicationContext node;
    private static ConformingClients clients;
    private static IGenericClient client;

    @BeforeAll
    static void start() throws IOException {
        terminology = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        terminology.createContext("/fhir/CodeSystem/$validate-code", exchange -> {
            Map<String, String> query = query(exchange);
            String system = query.get("url");
            String code = query.get("code");
            ASKED.add(system + "|" + code);
            if (terminologyDown) {
                answer(exchange, 503, "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"fatal\",\"code\":\"transient\"}]}");
            } else if (!LOINC.equals(system)) {
                answer(exchange, 200, "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"result\",\"valueBoolean\":false},"
                        + "{\"name\":\"message\",\"valueString\":\"A definition for CodeSystem '" + system + "' could not be found, "
                        + "so the code cannot be validated\"},{\"name\":\"x-caused-by-unknown-system\",\"valueCanonical\":\"" + system + "\"}]}");
            } else if (KNOWN_LOINC.containsKey(code)) {
                answer(exchange, 200, "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"result\",\"valueBoolean\":true},"
                        + "{\"name\":\"display\",\"valueString\":\"" + KNOWN_LOINC.get(code) + "\"}]}");
            } else {
                answer(exchange, 200, "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"result\",\"valueBoolean\":false},"
                        + "{\"name\":\"message\",\"valueString\":\"Unknown code '" + code + "' in the CodeSystem '" + LOINC
                        + "' version '2.77'\"}]}");
            }
        });
        terminology.createContext("/fhir/ValueSet/$validate-code", exchange -> {
            ASKED.add("ValueSet " + query(exchange).get("url"));
            answer(exchange, terminologyDown ? 503 : 404, "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\","
                    + "\"code\":\"not-found\",\"details\":{\"text\":\"A definition for the value Set could not be found\"}}]}");
        });
        terminology.createContext("/fhir/CodeSystem/$lookup", exchange -> {
            Map<String, String> query = query(exchange);
            ASKED.add("lookup " + query.get("system") + "|" + query.get("code"));
            String display = LOINC.equals(query.get("system")) ? KNOWN_LOINC.get(query.get("code")) : null;
            answer(exchange, terminologyDown ? 503 : display == null ? 404 : 200, display == null
                    ? "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"not-found\"}]}"
                    : "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"name\",\"valueString\":\"LOINC\"},"
                    + "{\"name\":\"display\",\"valueString\":\"" + display + "\"}]}");
        });
        terminology.start();
        database = TestDatabase.create("fhir_validate");
        Map<String, Object> properties = new HashMap<>(TestTokens.securedNodeProperties());
        properties.putAll(Map.of("rhix.node.store.url", database.jdbcUrl(),
                "rhix.node.id", "county-330102", "rhix.node.level", "COUNTY", "rhix.node.division-code", "330102",
                "rhix.node.terminology.url", "http://127.0.0.1:" + terminology.getAddress().getPort() + "/fhir",
                "rhix.node.terminology.timeout", "1s",
                // every test decides for itself whether the server is up
                "rhix.node.terminology.cool-down", "0s"));
        node = ApplicationContext.run(properties);
        clients = new ConformingClients(node.getBean(FhirFacade.class).baseUrl());
        client = clients.client(TestTokens.bearer(TestTokens.token("lab-330102", "user/Observation.rs", "TREAT")));
    }

    @BeforeEach
    void serverUp() {
        terminologyDown = false;
        ASKED.clear();
    }

    @AfterEach
    void everyResourceReceivedConformsToR4() {
        clients.assertEveryResponseConformed();
    }

    @AfterAll
    static void stop() {
        node.close();
        database.close();
        terminology.stop(0);
    }

    @Test
    void aValidObservationHasNoErrorsAndItsLoincCodeWasAskedOfTheRegion() {
        OperationOutcome outcome = validate(observation("2345-7", 5.4, "mmol/L"));

        assertThat(errors(outcome)).isEmpty();
        assertThat(outcome.getIssue()).noneSatisfy(issue -> assertThat(issue.getDiagnostics()).containsIgnoringCase("terminology server"));
        assertThat(ASKED).contains(LOINC + "|2345-7");
    }

    @Test
    void aLoincCodeTheRegionDoesNotKnowIsAnErrorNamingTheCodeAndSystem() {
        OperationOutcome outcome = validate(observation("99999-9", 5.4, "mmol/L"));

        assertThat(errors(outcome)).anySatisfy(issue -> {
            assertThat(issue.getDiagnostics()).contains("99999-9", LOINC, "region's terminology server");
            assertThat(issue.getExpression()).extracting(Object::toString).anyMatch(path -> path.startsWith("Observation.code"));
        });
        assertThat(ASKED).contains(LOINC + "|99999-9");
    }

    @Test
    void aCodeSystemTheRegionDoesNotHoldIsAWarningNamingTheCodeAndSystem() {
        Observation local = observation("2345-7", 5.4, "mmol/L");
        // Alone: beside a good LOINC coding the core validator takes the concept as valid and says nothing of the other.
        local.getCode().getCodingFirstRep().setSystem("http://rhix.org.cn/fhir/CodeSystem/H330199999/lab").setCode("GLU-X");

        OperationOutcome outcome = validate(local);

        assertThat(errors(outcome)).isEmpty();
        assertThat(outcome.getIssue()).anySatisfy(issue -> {
            assertThat(issue.getSeverity()).isEqualTo(IssueSeverity.WARNING);
            assertThat(issue.getDiagnostics()).contains("GLU-X", "http://rhix.org.cn/fhir/CodeSystem/H330199999/lab", "does not know");
        });
        assertThat(ASKED).contains("http://rhix.org.cn/fhir/CodeSystem/H330199999/lab|GLU-X");
    }

    @Test
    void coreRulesAreCheckedTooAMissingStatusAndAWrongUcumUnitAreErrors() {
        Observation broken = observation("718-7", 135, "not a unit");
        broken.setStatus(null);

        OperationOutcome outcome = validate(broken);

        assertThat(errors(outcome)).anySatisfy(issue -> assertThat(issue.getDiagnostics()).contains("Observation.status"));
        assertThat(errors(outcome)).anySatisfy(issue -> assertThat(issue.getDiagnostics()).contains("not a unit"));
    }

    @Test
    void whenTheTerminologyServerIsDownTheAnswerIsAWarningNotAFailure() {
        terminologyDown = true;

        OperationOutcome outcome = validate(observation("2160-0", 80, "umol/L"));

        assertThat(ASKED).as("the server was asked").contains(LOINC + "|2160-0");
        assertThat(outcome.getIssueFirstRep().getSeverity()).isEqualTo(IssueSeverity.WARNING);
        assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains("terminology server", "was unavailable", LOINC + "|2160-0");
        assertThat(errors(outcome)).as("an unchecked code is not a wrong code").isEmpty();
        assertThat(outcome.getIssue()).anySatisfy(issue -> {
            assertThat(issue.getSeverity()).isEqualTo(IssueSeverity.WARNING);
            assertThat(issue.getDiagnostics()).contains("'2160-0'", "was not checked");
        });
    }

    @Test
    void aMalformedBodyOrAnUnknownElementIsABadRequestWithAnOperationOutcome() throws Exception {
        HttpResponse<String> response = post("{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"coding\":[");

        HttpResponse<String> unknownElement = post("{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"text\":\"GLU\"},"
                + "\"colour\":\"red\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"resourceType\":\"OperationOutcome\"", "\"severity\":\"error\"");
        assertThat(unknownElement.statusCode()).as("the node's parsers are strict").isEqualTo(400);
        assertThat(unknownElement.body()).contains("colour");
        assertThat(ASKED).as("nothing was validated").isEmpty();
    }

    @Test
    void aTokenWithoutAnyScopeOnTheTypeIsRefused() {
        IGenericClient patientsOnly = clients.client(TestTokens.bearer(TestTokens.token("mpi-330102", "user/Patient.rs", "TREAT")));

        assertThatThrownBy(() -> patientsOnly.validate().resource(observation("2345-7", 5.4, "mmol/L")).execute())
                .isInstanceOfSatisfying(ForbiddenOperationException.class, e -> assertThat(e.getMessage())
                        .contains("RHIX-SEC-005", "Observation/$validate"));
        assertThat(ASKED).as("nothing was validated").isEmpty();
    }

    @Test
    void validatingWritesNothingToTheStore() throws Exception {
        Counts before = counts();
        Observation withId = observation("1742-6", 30, "U/L");
        withId.setId("validate-only-1");
        Parameters parameters = new Parameters();
        parameters.addParameter().setName("resource").setResource(withId);
        parameters.addParameter("mode", new CodeType("create"));

        validate(withId);
        client.operation().onType(Observation.class).named("$validate").withParameters(parameters).returnResourceType(OperationOutcome.class)
                .execute();
        Counts after = counts();

        assertThat(after).isEqualTo(before);
        assertThatThrownBy(() -> client.read().resource(Observation.class).withId("validate-only-1").execute())
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(ASKED).contains(LOINC + "|1742-6");
    }

    private static OperationOutcome validate(Observation observation) {
        return (OperationOutcome) client.validate().resource(observation).execute().getOperationOutcome();
    }

    private static List<OperationOutcomeIssueComponent> errors(OperationOutcome outcome) {
        return outcome.getIssue().stream().filter(issue -> Set.of(IssueSeverity.ERROR, IssueSeverity.FATAL).contains(issue.getSeverity()))
                .toList();
    }

    private static Observation observation(String loinc, double value, String unit) {
        Observation observation = new Observation();
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.addCategory().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/observation-category")
                .setCode("laboratory");
        observation.getCode().addCoding().setSystem(LOINC).setCode(loinc);
        observation.getSubject().setReference("Patient/validate-p1");
        observation.setValue(new Quantity().setValue(value).setUnit(unit).setSystem(UCUM).setCode(unit));
        return observation;
    }

    private static HttpResponse<String> post(String body) throws Exception {
        String token = TestTokens.token("lab-330102", "user/Observation.rs", "TREAT");
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(node.getBean(FhirFacade.class).baseUrl()
                        + "/Observation/$validate")).header("Content-Type", "application/fhir+json")
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * What a write leaves in the node's store: resource versions (every type but the access AuditEvents), ingestion
     * ledger rows, quality findings, identity traits and MPI registrations.
     */
    private record Counts(long versions, long batches, long findings, long identities, long registrations) {
    }

    private static Counts counts() throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            return new Counts(count(statement, "SELECT count(*) FROM fhir_resource_history WHERE resource_type <> 'AuditEvent'"),
                    count(statement, "SELECT count(*) FROM ingest_batch"), count(statement, "SELECT count(*) FROM quality_finding"),
                    count(statement, "SELECT count(*) FROM local_patient_identity"),
                    count(statement, "SELECT count(*) FROM mpi_registration"));
        }
    }

    private static long count(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

}
