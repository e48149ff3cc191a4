package rhix.node.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static rhix.node.exchange.ExchangeFixtures.HOSPITAL;
import static rhix.node.exchange.ExchangeFixtures.LAB;
import static rhix.node.exchange.ExchangeFixtures.LOINC;
import static rhix.node.exchange.ExchangeFixtures.coding;
import static rhix.node.exchange.ExchangeFixtures.ingest;
import static rhix.node.exchange.ExchangeFixtures.instant;
import static rhix.node.exchange.ExchangeFixtures.observation;
import static rhix.node.exchange.ExchangeFixtures.patient;
import static rhix.node.exchange.ExchangeFixtures.report;
import static rhix.node.exchange.ExchangeFixtures.request;
import static rhix.node.exchange.ExchangeFixtures.serum;
import static rhix.node.exchange.ExchangeFixtures.timestamp;

import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import rhix.api.exchange.v1.FetchResultsRequest;
import rhix.api.exchange.v1.FetchResultsResponse;
import rhix.api.exchange.v1.OfferedResult;
import rhix.api.exchange.v1.ResultExchangeServiceGrpc;
import rhix.api.exchange.v1.ResultResourceType;
import rhix.fhir.facade.store.ResourceRepository;
import rhix.fhir.facade.store.SearchCriterion;
import rhix.node.fhir.StoreAuditSink;
import rhix.testing.TestDatabase;

/**
 * The provider side of mutual recognition on a real node (PostgreSQL store, data ingested through the front-end
 * processor), its service served in-process: what is released, to whom, and what is refused with which status.
 */
class ResultExchangeServiceTest {

    private static final String NODE = "county-330102";
    private static TestDatabase database;
    private static ApplicationContext node;
    private static Server server;
    private static ManagedChannel channel;

    @BeforeAll
    static void startProviderWithResults() throws IOException {
        database = TestDatabase.create("result_exchange");
        // The hospital's concept map: its HGB is LOINC 718-7 (how a request in LOINC finds results stored locally).
        java.nio.file.Path maps = java.nio.file.Files.createTempDirectory("rhix-provider-maps");
        java.nio.file.Files.writeString(maps.resolve("ConceptMap-lab.json"), """
                {"resourceType":"ConceptMap","status":"active","group":[{"source":"%s","target":"%s",
                 "element":[{"code":"HGB","target":[{"code":"718-7","equivalence":"equivalent"}]}]}]}
                """.formatted(LAB, LOINC));
        node = ExchangeFixtures.providerNode(NODE, database, Map.of("rhix.node.recognition.concept-maps", maps.toString()));
        Observation glucoseWithLoinc = observation("x-o5", "x-p1", "GLU2", "2026-10-02T07:45:00+08:00");
        glucoseWithLoinc.getCode().addCoding().setSystem(LOINC).setCode("2345-7");
        glucoseWithLoinc.getSpecimen().setReference("Specimen/x-sp1");
        glucoseWithLoinc.getMethod().addCoding().setSystem(LAB + "/method").setCode("HK");
        Observation selfReported = observation("x-o6", "x-p1", "SELF-GLU", "2026-10-04T07:00:00+08:00");
        org.hl7.fhir.r4.model.Patient reporter = new org.hl7.fhir.r4.model.Patient();
        reporter.setId("pt");
        reporter.addName().setFamily("赵").addGiven("敏");
        reporter.addTelecom().setSystem(org.hl7.fhir.r4.model.ContactPoint.ContactPointSystem.PHONE).setValue("13800000000");
        selfReported.addContained(reporter);
        selfReported.addPerformer().setReference("#pt");
        Observation namedSubject = observation("x-o7", "x-p2", "ALT", "2026-10-05T08:00:00+08:00");
        namedSubject.getSubject().setDisplay("钱小红").getIdentifier().setSystem("urn:oid:2.16.156.10011.1.1").setValue("330102199001011234");
        ingest(node, patient("x-p1"), patient("x-p2"), serum("x-sp1", "x-p1"), selfReported, namedSubject,
                observation("x-o1", "x-p1", "GLU", "2026-10-01T08:30:00+08:00"),
                observation("x-o2", "x-p1", "HGB", "2026-10-03T09:00:00+08:00"),
                observation("x-o3", "x-p1", "GLU", "2025-01-05T09:00:00+08:00"),
                observation("x-o4", "x-p2", "GLU", "2026-09-01T10:00:00+08:00"),
                glucoseWithLoinc,
                report("x-r1", "x-p1", "PANEL", "2026-10-03T10:00:00+08:00", "x-o1", "x-o2"));
        String name = InProcessServerBuilder.generateName();
        server = InProcessServerBuilder.forName(name).directExecutor()
                .addService(node.getBean(ResultExchangeGrpcService.class)).build().start();
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    }

    @AfterAll
    static void stopProvider() throws InterruptedException {
        channel.shutdownNow().awaitTermination(2, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(2, TimeUnit.SECONDS);
        node.close();
        database.close();
    }

    @Test
    void releasesThePatientsResultsOfTheRequestedCodeNewestFirstAndNothingElse() {
        Instant before = Instant.now();

        FetchResultsResponse response = fetch(request(List.of("x-p1"), coding(LAB, "GLU")).build());

        assertThat(response.getResultsList()).extracting(OfferedResult::getResourceId).containsExactly("x-o1", "x-o3");
        assertThat(response.getTruncated()).isFalse();
        OfferedResult newest = response.getResults(0);
        assertThat(newest.getNodeId()).isEqualTo(NODE);
        assertThat(newest.getResourceType()).isEqualTo(ResultResourceType.RESULT_RESOURCE_TYPE_OBSERVATION);
        assertThat(newest.getVersionId()).isEqualTo(1);
        assertThat(newest.getMatchedCode()).isEqualTo(coding(LAB, "GLU"));
        assertThat(newest.getCodesList()).containsExactly(coding(LAB, "GLU"));
        assertThat(instant(newest.getEffectiveAt())).isEqualTo(OffsetDateTime.parse("2026-10-01T08:30:00+08:00").toInstant());
        assertThat(newest.getProducerOrganizationId()).isEqualTo(HOSPITAL);
        assertThat(newest.hasSpecimenCode()).isFalse();
        assertThat(newest.hasMethodCode()).isFalse();
        assertThat(instant(newest.getReleasedAt())).isBetween(before, Instant.now());
        // The minimum necessary: the Observation itself, with no Patient anywhere in it.
        Observation released = ExchangeFixtures.FHIR.newJsonParser().parseResource(Observation.class,
                newest.getResourceJson().toString(StandardCharsets.UTF_8));
        assertThat(released.getIdElement().getIdPart()).isEqualTo("x-o1");
        assertThat(released.getSubject().getReference()).isEqualTo("Patient/x-p1");
        assertThat(newest.getResourceJson().toString(StandardCharsets.UTF_8)).doesNotContain("\"Patient\"", "王", "MRN-");
    }

    @Test
    void aPatientContainedInAResultIsNotReleased() {
        String stored = node.getBean(ResourceRepository.class).read("Observation", "x-o6").orElseThrow().json();

        FetchResultsResponse response = fetch(request(List.of("x-p1"), coding(LAB, "SELF-GLU")).build());

        assertThat(stored).contains("\"Patient\"", "赵", "13800000000");
        assertThat(response.getResultsList()).singleElement().satisfies(result -> {
            String released = result.getResourceJson().toString(StandardCharsets.UTF_8);
            assertThat(released).doesNotContain("\"Patient\"", "赵", "13800000000", "#pt");
            Observation observation = ExchangeFixtures.FHIR.newJsonParser().parseResource(Observation.class, released);
            assertThat(observation.getContained()).isEmpty();
            assertThat(observation.getPerformerFirstRep().getDisplay()).contains("withheld");
            assertThat(observation.getSubject().getReference()).isEqualTo("Patient/x-p1");
        });
    }

    @Test
    void aLoincRequestFindsResultsStoredUnderTheHospitalsLocalCodeThroughItsConceptMap() {
        FetchResultsResponse response = fetch(request(List.of("x-p1"), coding(LOINC, "718-7")).build());

        assertThat(response.getResultsList()).extracting(OfferedResult::getResourceId).containsExactly("x-o2");
        assertThat(response.getResults(0).getMatchedCode()).isEqualTo(coding(LOINC, "718-7"));
        assertThat(response.getResults(0).getCodesList()).containsExactly(coding(LAB, "HGB"));
    }

    @Test
    void aReferenceThatNamesThePatientIsReleasedAsAReferenceOnly() {
        FetchResultsResponse response = fetch(request(List.of("x-p2"), coding(LAB, "ALT")).build());

        assertThat(response.getResultsList()).singleElement().satisfies(result -> {
            String released = result.getResourceJson().toString(StandardCharsets.UTF_8);
            assertThat(released).doesNotContain("钱小红", "330102199001011234");
            Observation observation = ExchangeFixtures.FHIR.newJsonParser().parseResource(Observation.class, released);
            assertThat(observation.getSubject().getReference()).isEqualTo("Patient/x-p2");
            assertThat(observation.getSubject().hasDisplay()).isFalse();
        });
    }

    @Test
    void aCodeWithoutSystemMatchesInAnySystemAcrossAllTheNamedPatients() {
        FetchResultsResponse response = fetch(request(List.of("x-p1", "x-p2"), coding("", "GLU")).build());

        assertThat(response.getResultsList()).extracting(OfferedResult::getResourceId).containsExactly("x-o1", "x-o4", "x-o3");
    }

    @Test
    void aLoincCodingMatchesAResultCodedLocallyAndInLoincWithItsSpecimenAndMethod() {
        FetchResultsResponse response = fetch(request(List.of("x-p1"), coding(LOINC, "2345-7"), coding(LAB, "HGB")).build());

        assertThat(response.getResultsList()).extracting(OfferedResult::getResourceId).containsExactly("x-o2", "x-o5");
        OfferedResult glucose = response.getResults(1);
        assertThat(glucose.getMatchedCode()).isEqualTo(coding(LOINC, "2345-7"));
        assertThat(glucose.getCodesList()).containsExactly(coding(LAB, "GLU2"), coding(LOINC, "2345-7"));
        assertThat(glucose.getSpecimenCode()).isEqualTo(coding("http://terminology.hl7.org/CodeSystem/v2-0487", "SER"));
        assertThat(glucose.getMethodCode()).isEqualTo(coding(LAB + "/method", "HK"));
    }

    @Test
    void diagnosticReportsAreReleasedToo() {
        FetchResultsResponse response = fetch(request(List.of("x-p1"), coding(LAB, "PANEL")).build());

        assertThat(response.getResultsList()).singleElement().satisfies(result -> {
            assertThat(result.getResourceType()).isEqualTo(ResultResourceType.RESULT_RESOURCE_TYPE_DIAGNOSTIC_REPORT);
            assertThat(result.getResourceId()).isEqualTo("x-r1");
            assertThat(result.getResourceJson().toString(StandardCharsets.UTF_8)).contains("\"DiagnosticReport\"");
        });
    }

    @Test
    void notBeforeLeavesOutOlderResults() {
        FetchResultsResponse response = fetch(request(List.of("x-p1", "x-p2"), coding(LAB, "GLU"))
                .setNotBefore(timestamp("2026-09-15T00:00:00+08:00")).build());

        assertThat(response.getResultsList()).extracting(OfferedResult::getResourceId).containsExactly("x-o1");
    }

    @Test
    void maxResultsKeepsTheNewestAndSaysTheAnswerIsTruncated() {
        FetchResultsResponse response = fetch(request(List.of("x-p1", "x-p2"), coding(LAB, "GLU")).setMaxResults(2).build());

        assertThat(response.getResultsList()).extracting(OfferedResult::getResourceId).containsExactly("x-o1", "x-o4");
        assertThat(response.getTruncated()).isTrue();
    }

    @Test
    void noResultsIsAnEmptyAnswerNotAnError() {
        FetchResultsResponse unknownCode = fetch(request(List.of("x-p1"), coding(LAB, "NOT-DONE")).build());
        FetchResultsResponse unknownPatient = fetch(request(List.of("x-nobody"), coding(LAB, "GLU")).build());

        assertThat(unknownCode.getResultsList()).isEmpty();
        assertThat(unknownPatient.getResultsList()).isEmpty();
        assertThat(unknownCode.getTruncated()).isFalse();
    }

    @Test
    void onlyTreatmentMayFetchResults() {
        for (String purpose : List.of("RESEARCH", "HRESCH", "PUBHLTH", "ETREAT")) {
            assertThatThrownBy(() -> fetch(request(List.of("x-p1"), coding(LAB, "GLU")).setPurposeOfUse(purpose).build()))
                    .as(purpose)
                    .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
                        assertThat(e.getStatus().getDescription()).contains("purpose_of_use '" + purpose + "'", "only TREAT");
                    });
        }
    }

    static Stream<Arguments> brokenRequests() {
        return Stream.of(
                broken("exchange_id", builder -> builder.clearExchangeId()),
                broken("requesting_node_id", builder -> builder.setRequestingNodeId(" ")),
                broken("requester.id", builder -> builder.clearRequester()),
                broken("local_patient_ids", builder -> builder.clearLocalPatientIds()),
                broken("local_patient_ids[1]", builder -> builder.addLocalPatientIds("Patient/x-p2")),
                broken("item_codes", builder -> builder.clearItemCodes()),
                broken("item_codes[1].code", builder -> builder.addItemCodes(coding(LAB, ""))),
                broken("item_codes[0].code", builder -> builder.setItemCodes(0, coding(LAB, "GLU|HGB"))),
                broken("item_codes[0].system", builder -> builder.setItemCodes(0, coding("http://loinc.org|x", "GLU"))),
                broken("purpose_of_use", builder -> builder.clearPurposeOfUse()),
                broken("max_results", builder -> builder.setMaxResults(-1)),
                broken("not_before", builder -> builder.setNotBefore(
                        com.google.protobuf.Timestamp.newBuilder().setSeconds(Long.MAX_VALUE))));
    }

    private static Arguments broken(String field, UnaryOperator<FetchResultsRequest.Builder> breaking) {
        return Arguments.of(field, breaking);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenRequests")
    void aBrokenFieldIsRefusedAsInvalidArgumentNamingIt(String field, UnaryOperator<FetchResultsRequest.Builder> breaking) {
        FetchResultsRequest broken = breaking.apply(request(List.of("x-p1"), coding(LAB, "GLU"))).build();

        assertThatThrownBy(() -> fetch(broken)).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(e.getStatus().getDescription()).startsWith(field + ": ");
        });
    }

    @Test
    void aCallWhoseDeadlinePassedStopsBeforeReadingTheStore() {
        Recorder recorder = new Recorder();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try (Context.CancellableContext expired = Context.current()
                .withDeadline(Deadline.after(-1, TimeUnit.MILLISECONDS), timer)) {
            expired.run(() -> node.getBean(ResultExchangeGrpcService.class)
                    .fetchResults(request(List.of("x-p1"), coding(LAB, "GLU")).build(), recorder));
        } finally {
            timer.shutdownNow();
        }

        assertThat(recorder.values).isEmpty();
        assertThat(recorder.error).isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED));
    }

    @Test
    void everyReleaseIsAuditedWithTheExchangeTheRequesterAndTheVersionsReleased() throws InterruptedException {
        fetch(request(List.of("x-p1"), coding(LAB, "PANEL")).setExchangeId("exchange-audited").build());
        node.getBean(StoreAuditSink.class).flush(5_000);

        ResourceRepository store = node.getBean(ResourceRepository.class);
        List<String> audits = store.search("AuditEvent",
                List.of(new SearchCriterion.Reference("entity", "DiagnosticReport", "x-r1")), 10);
        assertThat(audits).isNotEmpty();
        List<String> json = new ArrayList<>();
        store.readAll("AuditEvent", audits).forEach(stored -> json.add(stored.json()));
        assertThat(json).anySatisfy(event -> assertThat(event).contains("exchange-audited", "D-1001", "county-330106",
                "TREAT", "DiagnosticReport/x-r1/_history/1", "Patient/x-p1"));
    }

    private static FetchResultsResponse fetch(FetchResultsRequest request) {
        return ResultExchangeServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS).fetchResults(request);
    }

    /** What a unary call answered when the service is called directly. */
    private static final class Recorder implements StreamObserver<FetchResultsResponse> {
        private final List<FetchResultsResponse> values = new ArrayList<>();
        private Throwable error;

        @Override
        public void onNext(FetchResultsResponse value) {
            values.add(value);
        }

        @Override
        public void onError(Throwable t) {
            error = t;
        }

        @Override
        public void onCompleted() {
        }
    }
}
