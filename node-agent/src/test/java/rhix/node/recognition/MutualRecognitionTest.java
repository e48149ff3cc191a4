package rhix.node.recognition;

import static org.assertj.core.api.Assertions.assertThat;
import static rhix.node.recognition.RecognitionRegion.FHIR;
import static rhix.node.recognition.RecognitionRegion.GLUCOSE;
import static rhix.node.recognition.RecognitionRegion.LAB;
import static rhix.node.recognition.RecognitionRegion.PROVIDER_HOSPITAL;
import static rhix.node.recognition.RecognitionRegion.REQUESTER_HOSPITAL;
import static rhix.node.recognition.RecognitionRegion.UNMAPPED;
import static rhix.node.recognition.RecognitionRegion.await;
import static rhix.node.recognition.RecognitionRegion.glucose;
import static rhix.node.recognition.RecognitionRegion.patient;
import static rhix.node.recognition.RecognitionRegion.serum;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import rhix.api.exchange.v1.FetchResultsRequest;
import rhix.api.exchange.v1.FetchResultsResponse;
import rhix.api.exchange.v1.ResultExchangeServiceGrpc;
import rhix.node.fhir.FhirFacade;
import rhix.node.fhir.TestTokens;
import rhix.node.mpi.FakeMpi;
import rhix.testing.TestDatabase;

/**
 * Mutual recognition across real nodes on PostgreSQL: a requesting county node (FHIR API secured, exchange saga on
 * its event store) and a provider county node holding the patient's results, both registering with an MPI on a real
 * port; plus a provider that is down (its address refuses connections) and one that never answers. The same person
 * is known to each as a different local Patient.
 */
class MutualRecognitionTest {

    private static final String REQUESTER = "county-330106";
    private static final String PROVIDER = "county-330102";
    private static final String DOWN_PROVIDER = "county-330104";
    private static final String SILENT_PROVIDER = "county-330105";
    private static final Duration NOTHING_HANGS = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static FakeMpi mpi;
    private static Server silentProvider;
    private static final List<TestDatabase> databases = new ArrayList<>();
    private static ApplicationContext provider;
    private static ApplicationContext requester;
    private static Bundle answer;
    private static Duration answeredIn;

    @BeforeAll
    static void startRegion() throws Exception {
        mpi = FakeMpi.start();
        mpi.link("a-1", "EID-P");
        mpi.link("b-7", "EID-P");
        mpi.link("a-2", "EID-Q");
        mpi.link("b-8", "EID-Q");
        mpi.link("d-1", "EID-Q");
        mpi.link("a-3", "EID-S");
        mpi.link("s-1", "EID-S");
        silentProvider = NettyServerBuilder.forPort(0).addService(new NeverAnswers()).build().start();

        provider = RecognitionRegion.node(PROVIDER, "330102", database("recognition_provider"), Map.of("rhix.node.mpi.target", mpi.target()));
        Instant now = Instant.now();
        RecognitionRegion.ingest(provider, PROVIDER_HOSPITAL, patient("b-7", PROVIDER_HOSPITAL), patient("b-8", PROVIDER_HOSPITAL),
                serum("b-7"), serum("b-8"),
                glucose("glu-fresh", "b-7", GLUCOSE, now.minus(Duration.ofDays(2))),
                glucose("glu-old", "b-7", GLUCOSE, now.minus(Duration.ofDays(30))),
                glucose("lab-unmapped", "b-7", UNMAPPED, now.minus(Duration.ofDays(1))),
                glucose("glu-q", "b-8", GLUCOSE, now.minus(Duration.ofDays(1))));
        RecognitionRegion.awaitEnterpriseId(provider, "b-7");
        RecognitionRegion.awaitEnterpriseId(provider, "b-8");
        RecognitionRegion.registerWithMpi(mpi.target(), DOWN_PROVIDER, "d-1");
        RecognitionRegion.registerWithMpi(mpi.target(), SILENT_PROVIDER, "s-1");

        Map<String, Object> requesterProperties = new LinkedHashMap<>(TestTokens.securedNodeProperties());
        requesterProperties.putAll(Map.of("rhix.node.mpi.target", mpi.target(),
                "rhix.node.recognition.exchange-deadline", "5s",
                "rhix.node.recognition.concept-maps", RecognitionRegion.conceptMaps().toString(),
                "rhix.node.recognition.provider-targets." + PROVIDER, RecognitionRegion.grpcTarget(provider),
                "rhix.node.recognition.provider-targets." + DOWN_PROVIDER, "127.0.0.1:" + closedPort(),
                "rhix.node.recognition.provider-targets." + SILENT_PROVIDER, "127.0.0.1:" + silentProvider.getPort()));
        requester = RecognitionRegion.node(REQUESTER, "330106", database("recognition_requester"), requesterProperties);
        RecognitionRegion.ingest(requester, REQUESTER_HOSPITAL, patient("a-1", REQUESTER_HOSPITAL),
                patient("a-2", REQUESTER_HOSPITAL), patient("a-3", REQUESTER_HOSPITAL));
        for (String patient : List.of("a-1", "a-2", "a-3")) {
            RecognitionRegion.awaitEnterpriseId(requester, patient);
        }

        Instant asked = Instant.now();
        HttpResponse<String> response = get("a-1", treatingClinician(), LAB + "|" + GLUCOSE, LAB + "|" + UNMAPPED);
        answeredIn = Duration.between(asked, Instant.now());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        answer = FHIR.newJsonParser().parseResource(Bundle.class, response.body());
    }

    @AfterAll
    static void stopRegion() throws InterruptedException {
        for (ApplicationContext node : new ApplicationContext[] {requester, provider}) {
            if (node != null) {
                node.close();
            }
        }
        databases.forEach(TestDatabase::close);
        silentProvider.shutdownNow().awaitTermination(2, TimeUnit.SECONDS);
        mpi.close();
    }

    @Test
    void aFreshResultIsRecognisedWithTheCostOfTheTestAvoided() {
        Extension verdict = verdictOf(answer, "Observation/glu-fresh");

        assertThat(code(verdict, "verdict")).isEqualTo("RECOGNISED");
        assertThat(((Money) verdict.getExtensionByUrl("costAvoided").getValue()).getValue()).isEqualByComparingTo("8.00");
        assertThat(verdict.getExtensionByUrl("item").getValue().toString()).isNotNull();
        assertThat(answeredIn).isLessThan(NOTHING_HANGS);
    }

    @Test
    void anOldResultIsNotRecognisedAsExpired() {
        Extension verdict = verdictOf(answer, "Observation/glu-old");

        assertThat(code(verdict, "verdict")).isEqualTo("NOT_RECOGNISED");
        assertThat(code(verdict, "reason")).isEqualTo("EXPIRED");
        assertThat(verdict.getExtensionByUrl("detail").getValue().primitiveValue()).contains("recognised for 7 days");
    }

    @Test
    void aLocalCodeWithoutMappingIsNotRecognisedAsUnmapped() {
        Extension verdict = verdictOf(answer, "Observation/lab-unmapped");

        assertThat(code(verdict, "reason")).isEqualTo("UNMAPPED_CODE");
        assertThat(verdict.getExtensionByUrl("detail").getValue().primitiveValue()).contains(UNMAPPED);
    }

    @Test
    void theExchangeAndEveryVerdictAreEventsAndReadModels() throws SQLException {
        String exchangeId = answer.getIdentifier().getValue();

        assertThat(awaitFinalState(exchangeId)).isEqualTo("COMPLETED");
        assertThat(column("SELECT payloadtype FROM domainevententry WHERE aggregateidentifier = ? ORDER BY sequencenumber", exchangeId))
                .containsExactly("rhix.exchange.api.ExchangeRequestedEvent", "rhix.exchange.api.ExchangeAuthorisedEvent",
                        "rhix.exchange.api.ProviderReleasedEvent", "rhix.exchange.api.ExchangeCompletedEvent");
        List<String> decisions = await("three decisions", () -> {
            List<String> rows = column("SELECT result_id || ' ' || verdict || ' ' || COALESCE(reason, '') || ' ' || cost_avoided_fen"
                    + " FROM recognition_decision WHERE exchange_id = ? ORDER BY result_id", exchangeId);
            return rows.size() == 3 ? Optional.of(rows) : Optional.empty();
        });
        assertThat(decisions).containsExactly("Observation/glu-fresh RECOGNISED  800", "Observation/glu-old NOT_RECOGNISED EXPIRED 0",
                "Observation/lab-unmapped NOT_RECOGNISED UNMAPPED_CODE 0");
        assertThat(outcome(answer).getIssue()).singleElement()
                .satisfies(issue -> assertThat(issue.getDiagnostics()).contains(exchangeId).contains("COMPLETED"));
    }

    /** The published profile (src/main/resources/fhir) is the operation's contract: the answer keeps to it. */
    @Test
    void everyVerdictKeepsToTheRecognitionVerdictProfile() throws Exception {
        org.hl7.fhir.r4.model.StructureDefinition profile;
        try (var json = MutualRecognitionTest.class.getResourceAsStream("/fhir/StructureDefinition-recognition-verdict.json")) {
            profile = FHIR.newJsonParser().parseResource(org.hl7.fhir.r4.model.StructureDefinition.class, json);
        }
        Map<String, org.hl7.fhir.r4.model.ElementDefinition> slices = new LinkedHashMap<>();
        profile.getDifferential().getElement().stream().filter(element -> element.hasSliceName())
                .forEach(element -> slices.put(element.getSliceName(), element));
        Map<String, String> types = new LinkedHashMap<>();
        profile.getDifferential().getElement().stream().filter(element -> element.getId().endsWith(".value[x]") && element.getId().contains(":"))
                .forEach(element -> types.put(element.getId().replaceAll("^Extension\\.extension:([^.]+)\\..*$", "$1"),
                        element.getTypeFirstRep().getCode()));
        assertThat(profile.getUrl()).isEqualTo(RecognitionBundle.VERDICT);

        List<Bundle.BundleEntryComponent> judged = answer.getEntry().stream().filter(entry -> entry.hasExtension(RecognitionBundle.VERDICT)).toList();
        assertThat(judged).hasSize(3);
        for (Bundle.BundleEntryComponent entry : judged) {
            List<Extension> parts = entry.getExtensionByUrl(RecognitionBundle.VERDICT).getExtension();
            assertThat(parts).allSatisfy(part -> {
                assertThat(slices).as("declared sub-extensions").containsKey(part.getUrl());
                assertThat(part.getValue().fhirType()).as(part.getUrl()).isEqualTo(types.get(part.getUrl()));
            });
            slices.values().stream().filter(slice -> slice.getMin() > 0).forEach(required ->
                    assertThat(parts).as("required " + required.getSliceName()).anyMatch(part -> part.getUrl().equals(required.getSliceName())));
        }
    }

    @Test
    void theNodeReportsTheRepeatTestsAvoidedAndTheirCost() throws SQLException {
        String exchangeId = answer.getIdentifier().getValue();
        await("the decisions", () -> column("SELECT decision_id FROM recognition_decision WHERE exchange_id = ?", exchangeId).size() == 3
                ? Optional.of(true) : Optional.empty());

        var report = (RecognitionSavingsController.SavingsReport) requester.getBean(RecognitionSavingsController.class)
                .savings(null, null).body();

        // Every result these tests recognise is a glucose, at 8 yuan each.
        assertThat(report.hospitals()).extracting(RecognitionSavingsController.HospitalFigures::requestingHospital)
                .containsExactly(REQUESTER);
        assertThat(report.repeatTestsAvoided()).isGreaterThanOrEqualTo(1);
        assertThat(report.costAvoidedCny()).isEqualTo(java.math.BigDecimal.valueOf(800L * report.repeatTestsAvoided(), 2).toPlainString());
        assertThat(requester.getBean(RecognitionSavingsController.class).savings("yesterday", null).status().getCode()).isEqualTo(400);
    }

    @Test
    void aProviderThatIsDownLeavesTheExchangePartiallyCompletedAndIsNamed() throws Exception {
        Instant asked = Instant.now();
        Bundle bundle = FHIR.newJsonParser().parseResource(Bundle.class, get("a-2", treatingClinician(), LAB + "|" + GLUCOSE).body());

        assertThat(Duration.between(asked, Instant.now())).isLessThan(NOTHING_HANGS);
        assertThat(verdictOf(bundle, "Observation/glu-q")).isNotNull();
        assertThat(diagnostics(bundle)).anySatisfy(text -> assertThat(text).contains("provider " + DOWN_PROVIDER + " failed").contains("UNAVAILABLE"));
        String exchangeId = bundle.getIdentifier().getValue();
        assertThat(awaitFinalState(exchangeId)).isEqualTo("PARTIALLY_COMPLETED");
        assertThat(column("SELECT failed_providers FROM exchange_status WHERE exchange_id = ?", exchangeId))
                .singleElement().asString().startsWith(DOWN_PROVIDER);
    }

    @Test
    void aProviderThatNeverAnswersExpiresTheExchangeAtItsDeadline() throws Exception {
        Instant asked = Instant.now();
        Bundle bundle = FHIR.newJsonParser().parseResource(Bundle.class, get("a-3", treatingClinician(), LAB + "|" + GLUCOSE).body());

        assertThat(Duration.between(asked, Instant.now())).isLessThan(NOTHING_HANGS);
        assertThat(diagnostics(bundle)).anySatisfy(text -> assertThat(text).contains("provider " + SILENT_PROVIDER + " did not answer"));
        String exchangeId = bundle.getIdentifier().getValue();
        assertThat(awaitFinalState(exchangeId)).isEqualTo("EXPIRED");
        assertThat(column("SELECT detail FROM exchange_status WHERE exchange_id = ?", exchangeId))
                .singleElement().asString().contains(SILENT_PROVIDER);
    }

    @Test
    void anMpiThatIsDownDeniesTheExchangeWithTheReason() throws Exception {
        mpi.answerUnavailable(true);
        Bundle bundle;
        Instant asked = Instant.now();
        try {
            bundle = FHIR.newJsonParser().parseResource(Bundle.class, get("a-1", treatingClinician(), LAB + "|" + GLUCOSE).body());
        } finally {
            mpi.answerUnavailable(false);
        }

        assertThat(Duration.between(asked, Instant.now())).isLessThan(NOTHING_HANGS);
        assertThat(bundle.getEntry()).hasSize(1);
        assertThat(diagnostics(bundle)).anySatisfy(text -> assertThat(text).contains("exchange denied").contains("MPI"));
        String exchangeId = bundle.getIdentifier().getValue();
        assertThat(awaitFinalState(exchangeId)).isEqualTo("DENIED");
        assertThat(column("SELECT detail FROM exchange_status WHERE exchange_id = ?", exchangeId))
                .singleElement().asString().contains("UNAVAILABLE");
    }

    @Test
    void anUnknownPatientIs404() throws Exception {
        HttpResponse<String> response = get("nobody", treatingClinician(), LAB + "|" + GLUCOSE);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("OperationOutcome").contains("nobody");
    }

    @Test
    void aMissingOrMalformedCodeIs400NamingTheParameter() throws Exception {
        HttpResponse<String> none = get("a-1", treatingClinician());
        HttpResponse<String> malformed = get("a-1", treatingClinician(), "http://loinc.org|");

        assertThat(none.statusCode()).isEqualTo(400);
        assertThat(none.body()).contains("code:");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("code:").contains("http://loinc.org|");
    }

    @Test
    void aPurposeOtherThanTreatmentIs403() throws Exception {
        HttpResponse<String> research = get("a-1", TestTokens.token("dr-liu", "user/*.rs", "HRESCH"), LAB + "|" + GLUCOSE);
        HttpResponse<String> noSearchScope = get("a-1", TestTokens.token("dr-liu", "user/Patient.r", "TREAT"), LAB + "|" + GLUCOSE);

        assertThat(research.statusCode()).isEqualTo(403);
        assertThat(research.body()).contains("TREAT").contains("HRESCH");
        assertThat(noSearchScope.statusCode()).isEqualTo(403);
    }

    private static String treatingClinician() {
        return TestTokens.token("dr-liu", "user/*.rs", "TREAT");
    }

    private static HttpResponse<String> get(String patientId, String token, String... codes) throws IOException, InterruptedException {
        StringBuilder url = new StringBuilder(requester.getBean(FhirFacade.class).baseUrl()).append("/Patient/").append(patientId)
                .append("/$recognizable-results");
        for (int i = 0; i < codes.length; i++) {
            url.append(i == 0 ? '?' : '&').append("code=").append(URLEncoder.encode(codes[i], StandardCharsets.UTF_8));
        }
        return HTTP.send(HttpRequest.newBuilder(URI.create(url.toString())).header("Authorization", "Bearer " + token)
                .header("Accept", "application/fhir+json").timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Extension verdictOf(Bundle bundle, String resourceId) {
        return bundle.getEntry().stream()
                .filter(entry -> resourceId.equals(entry.getResource().getIdElement().toUnqualifiedVersionless().getValue()))
                .findFirst().map(entry -> entry.getExtensionByUrl(RecognitionBundle.VERDICT))
                .orElseThrow(() -> new AssertionError(resourceId + " is not in the answer"));
    }

    private static String code(Extension verdict, String part) {
        return verdict.getExtensionByUrl(part).getValue().primitiveValue();
    }

    private static OperationOutcome outcome(Bundle bundle) {
        return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).filter(OperationOutcome.class::isInstance)
                .map(OperationOutcome.class::cast).findFirst().orElseThrow();
    }

    private static List<String> diagnostics(Bundle bundle) {
        return outcome(bundle).getIssue().stream().map(OperationOutcome.OperationOutcomeIssueComponent::getDiagnostics).toList();
    }

    private static String awaitFinalState(String exchangeId) {
        return await("exchange " + exchangeId + " to end", () -> column("SELECT state FROM exchange_status WHERE exchange_id = ?", exchangeId)
                .stream().filter(state -> !state.equals("REQUESTED") && !state.equals("AUTHORISED")).findFirst());
    }

    private static List<String> column(String sql, String parameter) {
        try (Connection connection = requester.getBean(DataSource.class).getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            List<String> values = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TestDatabase database(String purpose) {
        TestDatabase database = TestDatabase.create(purpose);
        databases.add(database);
        return database;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A provider that takes the call and never answers: only the caller's deadline ends it. */
    private static final class NeverAnswers extends ResultExchangeServiceGrpc.ResultExchangeServiceImplBase {
        @Override
        public void fetchResults(FetchResultsRequest request, StreamObserver<FetchResultsResponse> responses) {
        }
    }
}
