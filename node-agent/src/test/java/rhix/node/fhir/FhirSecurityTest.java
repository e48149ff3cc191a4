package rhix.node.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IClientInterceptor;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.nimbusds.jose.JWSAlgorithm;
import io.micronaut.context.ApplicationContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import rhix.fhir.RhixNamingSystems;
import rhix.fhir.facade.security.LocalTokenIssuer;
import rhix.fhir.facade.security.TokenRequest;
import rhix.node.fhir.conformance.ConformanceCheckingInterceptor;
import rhix.node.ingest.BatchStatus;
import rhix.node.ingest.IngestRequest;
import rhix.node.ingest.IngestionService;
import rhix.node.ingest.PayloadFormat;
import rhix.testing.TestDatabase;

/**
 * The FHIR API's OAuth2 bearer tokens and SMART scopes, driven by HAPI's generic client against a node
 * on PostgreSQL: who may do what, and what the audit trail says about it.
 */
class FhirSecurityTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String HOSPITAL = "H330102001";
    private static final String LAB = RhixNamingSystems.hospitalLabCodes(HOSPITAL);
    private static final ConformanceCheckingInterceptor CONFORMANCE = new ConformanceCheckingInterceptor();
    private static TestDatabase database;
    private static ApplicationContext node;
    private static String baseUrl;

    @BeforeAll
    static void startSecuredNodeWithTwoPatients() {
        database = TestDatabase.create("fhirsec");
        Map<String, Object> properties = new HashMap<>(TestTokens.securedNodeProperties());
        properties.putAll(Map.of("rhix.node.store.url", database.jdbcUrl(),
                "rhix.node.id", "county-330102", "rhix.node.level", "COUNTY", "rhix.node.division-code", "330102"));
        node = ApplicationContext.run(properties);
        ingest(patient("s-pa", "张"), observation("s-oa1", "s-pa", "GLU"), observation("s-oa2", "s-pa", "HGB"),
                patient("s-pb", "李"), observation("s-ob1", "s-pb", "GLU"));
        FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        baseUrl = node.getBean(FhirFacade.class).baseUrl();
    }

    @AfterAll
    static void stopNode() {
        node.close();
        database.close();
    }

    @AfterEach
    void everyResourceReceivedConformsToR4() {
        assertThat(CONFORMANCE.takeFindings()).as("R4 validation errors in the responses").isEmpty();
    }

    @Test
    void withoutATokenTheAnswerIs401WithABearerChallengeAndAnOperationOutcome() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/Patient/s-pa")).header("Accept", "application/fhir+json").build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(challenge ->
                assertThat(challenge).startsWith("Bearer realm=\"rhix\""));
        OperationOutcome outcome = (OperationOutcome) FHIR.newJsonParser().parseResource(response.body());
        assertThat(outcome.getIssueFirstRep().getDiagnostics()).startsWith("RHIX-SEC-001");
        assertThatThrownBy(() -> client(null).read().resource(Patient.class).withId("s-pa").execute())
                .isInstanceOfSatisfying(AuthenticationException.class, e -> assertThat(e.getStatusCode()).isEqualTo(401));
    }

    @Test
    void theCapabilityStatementIsPublic() {
        CapabilityStatement capabilities = client(null).capabilities().ofType(CapabilityStatement.class).execute();

        assertThat(capabilities.getRest()).isNotEmpty();
    }

    @Test
    void anExpiredTokenIs401() throws Exception {
        Instant twoHoursAgo = Instant.now().minus(2, ChronoUnit.HOURS);
        String expired = TestTokens.token(TokenRequest.of("dr-li", "user/*.rs", "TREAT")
                .validBetween(twoHoursAgo, twoHoursAgo.plus(1, ChronoUnit.HOURS)));

        HttpResponse<String> response = get("/Patient/s-pa", expired);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(challenge ->
                assertThat(challenge).contains("error=\"invalid_token\"").containsIgnoringCase("expired"));
        assertThat(response.body()).contains("RHIX-SEC-002");
    }

    @Test
    void aTokenSignedWithAnotherKeyIs401() {
        LocalTokenIssuer impostor = LocalTokenIssuer.generate(TestTokens.ISSUER, JWSAlgorithm.RS256);
        String forged = impostor.sign(TokenRequest.of("dr-li", "system/*.cruds", "TREAT"));

        assertThatThrownBy(() -> client(forged).read().resource(Patient.class).withId("s-pa").execute())
                .isInstanceOfSatisfying(AuthenticationException.class, e -> assertThat(e.getMessage()).contains("RHIX-SEC-002"));
    }

    @Test
    void aTokenFromAnotherIssuerIs401() {
        LocalTokenIssuer otherRegion = LocalTokenIssuer.generate("https://auth.other-region.example", JWSAlgorithm.ES256);
        String token = otherRegion.sign(TokenRequest.of("dr-li", "system/*.cruds", "TREAT"));

        assertThatThrownBy(() -> client(token).read().resource(Patient.class).withId("s-pa").execute())
                .isInstanceOf(AuthenticationException.class);
    }

    @Test
    void aScopeForPatientsDoesNotReadObservations() {
        IGenericClient registrar = client(TestTokens.token("clerk-wu", "user/Patient.rs", "HOPERAT"));

        Patient patient = registrar.read().resource(Patient.class).withId("s-pa").execute();
        assertThat(patient.getNameFirstRep().getFamily()).isEqualTo("张");
        assertThatThrownBy(() -> registrar.read().resource(Observation.class).withId("s-oa1").execute())
                .isInstanceOfSatisfying(ForbiddenOperationException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(403);
                    assertThat(e.getMessage()).contains("RHIX-SEC-005").contains("user/Observation.r");
                });
        assertThatThrownBy(() -> registrar.search().forResource(Observation.class).returnBundle(Bundle.class).execute())
                .isInstanceOfSatisfying(ForbiddenOperationException.class, e -> assertThat(e.getMessage()).contains("user/Observation.s"));
    }

    @Test
    void aReadScopeWithoutSearchDoesNotSearch() {
        IGenericClient reader = client(TestTokens.token("dr-li", "user/Observation.r", "TREAT"));

        assertThat(reader.read().resource(Observation.class).withId("s-oa1").execute().getIdElement().getIdPart()).isEqualTo("s-oa1");
        assertThatThrownBy(() -> reader.search().forResource(Observation.class).returnBundle(Bundle.class).execute())
                .isInstanceOfSatisfying(ForbiddenOperationException.class, e -> assertThat(e.getMessage()).contains("Observation.s"));
    }

    @Test
    void aPatientScopeReachesOnlyThatPatientsCompartment() {
        IGenericClient patientApp = client(TestTokens.token(TokenRequest.of("resident-zhang", "patient/*.rs", "PATRQT")
                .withPatient("s-pa").withClientId("health-app")));

        assertThat(patientApp.read().resource(Patient.class).withId("s-pa").execute().getIdElement().getIdPart()).isEqualTo("s-pa");
        assertThat(patientApp.read().resource(Observation.class).withId("s-oa1").execute().getIdElement().getIdPart())
                .isEqualTo("s-oa1");
        assertThatThrownBy(() -> patientApp.read().resource(Observation.class).withId("s-ob1").execute())
                .isInstanceOfSatisfying(ForbiddenOperationException.class, e -> assertThat(e.getMessage()).contains("Patient/s-pa"));
        assertThatThrownBy(() -> patientApp.read().resource(Patient.class).withId("s-pb").execute())
                .isInstanceOf(ForbiddenOperationException.class);
        // A search is narrowed to the compartment instead of failing on someone else's result.
        Bundle glucose = patientApp.search().forResource(Observation.class).where(Observation.CODE.exactly().code("GLU"))
                .returnBundle(Bundle.class).execute();
        Bundle everything = patientApp.search().forResource(Observation.class).returnBundle(Bundle.class).execute();
        assertThat(glucose.getEntry()).extracting(entry -> entry.getResource().getIdElement().getIdPart()).containsExactly("s-oa1");
        assertThat(everything.getEntry()).extracting(entry -> entry.getResource().getIdElement().getIdPart())
                .containsExactlyInAnyOrder("s-oa1", "s-oa2");
        // Asking for someone else's results explicitly is refused by HAPI's search narrowing.
        assertThatThrownBy(() -> patientApp.search().forResource(Observation.class).where(Observation.PATIENT.hasId("Patient/s-pb"))
                .returnBundle(Bundle.class).execute())
                .isInstanceOfSatisfying(ForbiddenOperationException.class, e -> assertThat(e.getMessage()).contains("patient"));
    }

    @Test
    void aSystemScopeReadsAndSearchesEverything() {
        IGenericClient system = client(TestTokens.token("statistics-job", "system/*.cruds", "PUBHLTH"));

        Bundle observations = system.search().forResource(Observation.class).returnBundle(Bundle.class).execute();
        assertThat(observations.getEntry()).hasSize(3);
        assertThat(system.read().resource(Patient.class).withId("s-pb").execute().getIdElement().getIdPart()).isEqualTo("s-pb");
    }

    @Test
    void versionOneScopesAreHonoured() {
        IGenericClient v1 = client(TestTokens.token("dr-li", "user/Observation.read", "TREAT"));

        assertThat(v1.search().forResource(Observation.class).returnBundle(Bundle.class).execute().getEntry()).hasSize(3);
    }

    @Test
    void aTokenWithoutPurposeOfUseIs403() {
        IGenericClient noPurpose = client(TestTokens.token("dr-li", "user/*.rs", null));
        IGenericClient unknownPurpose = client(TestTokens.token("dr-li", "user/*.rs", "CURIOSITY"));

        assertThatThrownBy(() -> noPurpose.read().resource(Patient.class).withId("s-pa").execute())
                .isInstanceOfSatisfying(ForbiddenOperationException.class, e -> assertThat(e.getMessage()).contains("RHIX-SEC-003"));
        assertThatThrownBy(() -> unknownPurpose.read().resource(Patient.class).withId("s-pa").execute())
                .isInstanceOfSatisfying(ForbiddenOperationException.class, e -> assertThat(e.getMessage()).contains("RHIX-SEC-004"));
    }

    @Test
    void theAuditRecordsWhoAndWhyFromTheTokenAndTheRefusals() throws Exception {
        IGenericClient doctor = client(TestTokens.token(TokenRequest.of("dr-audit", "user/Patient.rs", "TREAT")
                .withClientId("his-330102")));
        doctor.read().resource(Patient.class).withId("s-pb").execute();
        assertThatThrownBy(() -> doctor.read().resource(Observation.class).withId("s-ob1").execute())
                .isInstanceOf(ForbiddenOperationException.class);
        assertThat(get("/Observation/s-ob1", null).statusCode()).isEqualTo(401);
        IGenericClient otherPatient = client(TestTokens.token(TokenRequest.of("resident-audit", "patient/*.rs", "PATRQT")
                .withPatient("s-pa")));
        // Refused only once the resource is loaded (HAPI checks the compartment on the response).
        assertThatThrownBy(() -> otherPatient.read().resource(Observation.class).withId("s-ob1").execute())
                .isInstanceOf(ForbiddenOperationException.class);
        node.getBean(StoreAuditSink.class).flush(5_000);

        IGenericClient auditor = client(TestTokens.token("auditor", "user/AuditEvent.rs", "HCOMPL"));
        Bundle events = auditor.search().forResource(AuditEvent.class).where(AuditEvent.ENTITY.hasId("Observation/s-ob1"))
                .returnBundle(Bundle.class).execute();
        Bundle patientReads = auditor.search().forResource(AuditEvent.class).where(AuditEvent.ENTITY.hasId("Patient/s-pb"))
                .returnBundle(Bundle.class).execute();

        AuditEvent read = patientReads.getEntry().stream().map(entry -> (AuditEvent) entry.getResource())
                .filter(event -> "dr-audit".equals(event.getAgentFirstRep().getWho().getDisplay())).findFirst().orElseThrow();
        assertThat(read.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._0);
        assertThat(read.getAgentFirstRep().getWho().getIdentifier().getSystem()).isEqualTo(TestTokens.ISSUER);
        assertThat(read.getAgentFirstRep().getPurposeOfUseFirstRep().getCodingFirstRep().getCode()).isEqualTo("TREAT");
        assertThat(read.getAgent()).extracting(agent -> agent.getWho().getDisplay()).contains("his-330102");
        var refusals = events.getEntry().stream().map(entry -> (AuditEvent) entry.getResource()).toList();
        assertThat(refusals).anySatisfy(event -> {
            assertThat(event.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._4);
            assertThat(event.getOutcomeDesc()).startsWith("403").contains("RHIX-SEC-005");
            assertThat(event.getAgentFirstRep().getWho().getDisplay()).isEqualTo("dr-audit");
        });
        assertThat(refusals).filteredOn(event -> "resident-audit".equals(event.getAgentFirstRep().getWho().getDisplay()))
                .singleElement().satisfies(event -> {
                    assertThat(event.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._4);
                    assertThat(event.getOutcomeDesc()).startsWith("403");
                    assertThat(event.getAgentFirstRep().getPurposeOfUseFirstRep().getCodingFirstRep().getCode()).isEqualTo("PATRQT");
                });
        assertThat(refusals).anySatisfy(event -> {
            assertThat(event.getOutcomeDesc()).startsWith("401");
            assertThat(event.getAgentFirstRep().getWho().getDisplay()).isEqualTo("anonymous");
        });
    }

    @Test
    void aNodeWithSecurityOnAndNoKeysDoesNotStart() {
        assertThatThrownBy(() -> ApplicationContext.run(Map.of("rhix.node.store.url", database.jdbcUrl(),
                "rhix.node.id", "county-330127", "rhix.node.level", "COUNTY", "rhix.node.division-code", "330127",
                "rhix.node.fhir.security.enabled", true, "rhix.node.fhir.security.issuer", TestTokens.ISSUER)).close())
                .hasStackTraceContaining("no token verification keys are configured")
                .hasStackTraceContaining("rhix.node.fhir.security.jwks-path");
    }

    @Test
    void disablingSecurityIsAnExplicitOptOutThatWarns() throws Exception {
        Logger facadeLog = (Logger) LoggerFactory.getLogger(FhirFacade.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        facadeLog.addAppender(log);
        try (ApplicationContext openNode = ApplicationContext.run(Map.of("rhix.node.store.url", database.jdbcUrl(),
                "rhix.node.id", "county-330127", "rhix.node.level", "COUNTY", "rhix.node.division-code", "330127",
                "rhix.node.fhir.security.enabled", false))) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(openNode.getBean(FhirFacade.class).baseUrl() + "/Patient/s-pa")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(log.list).anySatisfy(event -> {
                assertThat(event.getLevel()).isEqualTo(Level.WARN);
                assertThat(event.getFormattedMessage()).contains("rhix.node.fhir.security.enabled=false").contains("WITHOUT a token");
            });
        } finally {
            facadeLog.detachAppender(log);
        }
    }

    private static IGenericClient client(String token) {
        IGenericClient client = FHIR.newRestfulGenericClient(baseUrl);
        if (token != null) {
            IClientInterceptor bearer = TestTokens.bearer(token);
            client.registerInterceptor(bearer);
        }
        client.registerInterceptor(CONFORMANCE);
        return client;
    }

    private static HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Accept", "application/fhir+json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Patient patient(String id, String family) {
        Patient patient = new Patient();
        patient.setId(id);
        patient.addIdentifier().setSystem(RhixNamingSystems.hospitalPatientIds(HOSPITAL)).setValue("MRN-" + id);
        patient.addName().setFamily(family).addGiven("伟");
        return patient;
    }

    private static Observation observation(String id, String patientId, String code) {
        Observation observation = new Observation();
        observation.setId(id);
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.getCode().addCoding().setSystem(LAB).setCode(code);
        observation.getSubject().setReference("Patient/" + patientId);
        observation.setEffective(new DateTimeType("2026-10-01T08:30:00+08:00"));
        observation.setValue(new Quantity().setValue(5.5).setSystem("http://unitsofmeasure.org").setCode("mmol/L"));
        return observation;
    }

    private static void ingest(Resource... resources) {
        StringBuilder ndjson = new StringBuilder();
        for (Resource resource : resources) {
            ndjson.append(FHIR.newJsonParser().encodeResourceToString(resource)).append('\n');
        }
        var result = node.getBean(IngestionService.class).ingest(new IngestRequest(HOSPITAL, "LIS", PayloadFormat.NDJSON,
                ndjson.toString().getBytes(StandardCharsets.UTF_8), true));
        assertThat(result.report().status()).as(result.problems().toString()).isEqualTo(BatchStatus.ACCEPTED);
    }
}
