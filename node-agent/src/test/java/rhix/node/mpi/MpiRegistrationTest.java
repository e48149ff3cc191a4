package rhix.node.mpi;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import rhix.api.mpi.v1.Gender;
import rhix.fhir.RhixNamingSystems;
import rhix.identity.AdminDivisionCode;
import rhix.identity.ResidentId;
import rhix.node.fhir.FhirFacade;
import rhix.node.ingest.BatchStatus;
import rhix.node.ingest.IngestRequest;
import rhix.node.ingest.IngestResult;
import rhix.node.ingest.IngestionService;
import rhix.node.ingest.PayloadFormat;
import rhix.testing.TestDatabase;

/**
 * A node on PostgreSQL registering its patients with a fake MPI over real gRPC: what it sends, what it
 * keeps of the answers, and how it behaves while the MPI is down, refuses a record, or is not configured.
 */
class MpiRegistrationTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String NODE_ID = "county-330102";
    private static final String HOSPITAL = "H330102001";
    private static final Duration PATIENCE = Duration.ofSeconds(15);

    private static FakeMpi mpi;
    private static TestDatabase database;
    private static EmbeddedServer server;
    private static HttpClient http;

    @BeforeAll
    static void startNodeAndMpi() {
        mpi = FakeMpi.start();
        database = TestDatabase.create("mpi");
        server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "rhix.node.store.url", database.jdbcUrl(),
                "rhix.node.id", NODE_ID,
                "rhix.node.level", "COUNTY",
                "rhix.node.division-code", "330102",
                "micronaut.server.port", -1,
                "rhix.node.mpi.target", mpi.target(),
                "rhix.node.mpi.deadline", "2s",
                "rhix.node.mpi.retry-min-backoff", "50ms",
                "rhix.node.mpi.retry-max-backoff", "200ms"));
        http = server.getApplicationContext().createBean(HttpClient.class, server.getURL());
    }

    @AfterEach
    void mpiAnswersNormally() {
        mpi.answerUnavailable(false);
    }

    @AfterAll
    static void stopNodeAndMpi() throws InterruptedException {
        http.close();
        server.close();
        database.close();
        mpi.close();
    }

    @Test
    void ingestedPatientsAreRegisteredWithTheirTraitsAndTheEnterpriseIdIsKept() throws Exception {
        ResidentId residentId = ResidentId.of(AdminDivisionCode.of("330102"), LocalDate.of(1975, 3, 8), 456);
        Patient patient = patient("reg-p1", "李娜", "li na", residentId.toLegacyForm(), AdministrativeGender.FEMALE,
                "1975-03-08", "138-0013-8000", "330106");

        IngestResult result = ingest(patient);

        assertThat(result.report().status()).isEqualTo(BatchStatus.ACCEPTED);
        MpiRegistration registration = awaitRegistration("reg-p1", r -> r.state() == MpiDeliveryState.SENT);
        assertThat(mpi.registrationsOf("reg-p1")).singleElement().satisfies(sent -> {
            assertThat(sent.getNodeId()).isEqualTo(NODE_ID);
            assertThat(sent.getProducerId()).isEqualTo(HOSPITAL);
            assertThat(sent.getLocalIdentifierSystem()).isEqualTo(RhixNamingSystems.hospitalPatientIds(HOSPITAL));
            assertThat(sent.getLocalIdentifierValue()).isEqualTo("MRN-reg-p1");
            assertThat(sent.getResidentId()).as("the legacy 15-digit number goes out in its 18-character form")
                    .isEqualTo(residentId.value()).hasSize(18);
            assertThat(sent.getNameZh()).isEqualTo("李娜");
            assertThat(sent.getNamePinyin()).isEqualTo("li na");
            assertThat(sent.getGender()).isEqualTo(Gender.GENDER_FEMALE);
            assertThat(sent.getBirthDate()).isEqualTo("1975-03-08");
            assertThat(sent.getPhone()).isEqualTo("13800138000");
            assertThat(sent.getDivisionCode()).isEqualTo("330106");
        });
        assertThat(registration.enterpriseId()).isEqualTo(mpi.enterpriseIdOf("reg-p1")).isNotBlank();
        assertThat(registration.linkOutcome()).isEqualTo(MpiLinkOutcome.NEW_IDENTITY);
        Map<String, Object> status = mpiStatus();
        assertThat(status.get("mode")).isEqualTo("ACTIVE");
        assertThat(((Number) status.get("sent")).longValue()).isGreaterThanOrEqualTo(1);
        assertThat(status.get("lastSuccessAt")).isNotNull();
    }

    @Test
    void changesQueuedWhileTheMpiIsBusyAreSentOnceWithTheLatestTraits() throws Exception {
        mpi.answerUnavailable(true);
        ingest(patient("upd-p1", "王芳", "wang fang", null, AdministrativeGender.FEMALE, "1990-01-02", "13900000001", "330102"));
        awaitRegistration("upd-p1", r -> r.attempts() >= 1 && r.state() == MpiDeliveryState.PENDING);

        ingest(patient("upd-p1", "王芳芳", "wang fang fang", null, AdministrativeGender.FEMALE, "1990-01-02", "13900000002",
                "330102"));
        // A queued change resets the attempts: once one counts again, the relay has tried the latest traits, and no
        // send of the older ones can still be on its way (it sends one batch at a time).
        awaitRegistration("upd-p1", r -> r.attempts() >= 1 && r.state() == MpiDeliveryState.PENDING);
        mpi.answerUnavailable(false);

        MpiRegistration registration = awaitRegistration("upd-p1", r -> r.state() == MpiDeliveryState.SENT);
        assertThat(mpi.registrationsOf("upd-p1")).as("only the latest traits are sent, once").singleElement()
                .satisfies(sent -> {
                    assertThat(sent.getNameZh()).isEqualTo("王芳芳");
                    assertThat(sent.getPhone()).isEqualTo("13900000002");
                });
        assertThat(registration.lastError()).isNull();
    }

    @Test
    void aFhirDeleteRetractsThePatientAndForgetsItsEnterpriseId() throws Exception {
        ingest(patient("del-p1", "赵强", "zhao qiang", null, AdministrativeGender.MALE, "1960-12-31", "13700000000", "330102"));
        awaitRegistration("del-p1", r -> r.state() == MpiDeliveryState.SENT && r.enterpriseId() != null);

        IGenericClient fhir = FHIR.newRestfulGenericClient(server.getApplicationContext().getBean(FhirFacade.class).baseUrl());
        fhir.delete().resourceById("Patient", "del-p1").execute();

        MpiRegistration registration = awaitRegistration("del-p1",
                r -> r.action() == MpiAction.RETRACT && r.state() == MpiDeliveryState.SENT);
        assertThat(mpi.retractionsOf("del-p1")).singleElement()
                .satisfies(key -> assertThat(key.getNodeId()).isEqualTo(NODE_ID));
        assertThat(registration.enterpriseId()).isNull();
    }

    @Test
    void whileTheMpiIsDownIngestionSucceedsAndRegistrationsWaitUntilItIsBack() throws Exception {
        mpi.stop();
        try {
            IngestResult result = ingest(patient("down-p1", "陈静", "chen jing", null, AdministrativeGender.FEMALE,
                    "1985-06-15", "13600000000", "330102"));

            assertThat(result.report().status()).isEqualTo(BatchStatus.ACCEPTED);
            MpiRegistration waiting = awaitRegistration("down-p1", r -> r.attempts() >= 1);
            assertThat(waiting.state()).isEqualTo(MpiDeliveryState.PENDING);
            assertThat(waiting.lastError()).startsWith("UNAVAILABLE");
            Map<String, Object> status = mpiStatus();
            assertThat(((Number) status.get("pending")).longValue()).isGreaterThanOrEqualTo(1);
            assertThat((String) status.get("lastError")).startsWith("UNAVAILABLE");
        } finally {
            mpi.restart();
        }

        MpiRegistration delivered = awaitRegistration("down-p1", r -> r.state() == MpiDeliveryState.SENT);
        assertThat(delivered.enterpriseId()).isEqualTo(mpi.enterpriseIdOf("down-p1"));
        assertThat(mpi.registrationsOf("down-p1")).hasSize(1);
    }

    @Test
    void aRefusedRegistrationFailsWithTheMpisMessageAndTheRestOfTheBatchIsDelivered() throws Exception {
        mpi.refuse("bad-p2", "local_identifier_value: rejected by the fake MPI");

        ingest(patient("bad-p1", "孙丽", "sun li", null, AdministrativeGender.FEMALE, "1970-01-01", "13500000001", "330102"),
                patient("bad-p2", "周杰", "zhou jie", null, AdministrativeGender.MALE, "1971-01-01", "13500000002", "330102"),
                patient("bad-p3", "吴敏", "wu min", null, AdministrativeGender.FEMALE, "1972-01-01", "13500000003", "330102"));

        MpiRegistration refused = awaitRegistration("bad-p2", r -> r.state() == MpiDeliveryState.FAILED);
        assertThat(refused.lastError()).isEqualTo("INVALID_ARGUMENT: identities[0].local_identifier_value: rejected by the fake MPI");
        assertThat(refused.enterpriseId()).isNull();
        assertThat(awaitRegistration("bad-p1", r -> r.state() == MpiDeliveryState.SENT).enterpriseId()).isNotNull();
        assertThat(awaitRegistration("bad-p3", r -> r.state() == MpiDeliveryState.SENT).enterpriseId()).isNotNull();
        assertThat(mpi.registrationsOf("bad-p2")).isEmpty();
        assertThat(((Number) mpiStatus().get("failed")).longValue()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void withoutATargetNothingIsSentAndTheOutboxKeepsTheRegistrations() throws Exception {
        try (TestDatabase unconfiguredStore = TestDatabase.create("mpioff");
             EmbeddedServer unconfigured = ApplicationContext.run(EmbeddedServer.class, Map.of(
                     "rhix.node.store.url", unconfiguredStore.jdbcUrl(),
                     "rhix.node.id", "county-330106",
                     "rhix.node.level", "COUNTY",
                     "rhix.node.division-code", "330106",
                     "micronaut.server.port", -1));
             HttpClient client = unconfigured.getApplicationContext().createBean(HttpClient.class, unconfigured.getURL())) {
            ApplicationContext context = unconfigured.getApplicationContext();

            IngestResult result = ingest(context, patient("off-p1", "钱亮", "qian liang", null, AdministrativeGender.MALE,
                    "1988-08-08", "13300000000", "330106"));

            assertThat(result.report().status()).isEqualTo(BatchStatus.ACCEPTED);
            assertThat(registration(context, "off-p1")).satisfies(r -> {
                assertThat(r.action()).isEqualTo(MpiAction.REGISTER);
                assertThat(r.state()).isEqualTo(MpiDeliveryState.PENDING);
                assertThat(r.attempts()).isZero();
            });
            Map<String, Object> status = mpiStatus(client);
            assertThat(status.get("mode")).isEqualTo("NOT_CONFIGURED");
            assertThat(((Number) status.get("pending")).longValue()).isEqualTo(1);
            assertThat(mpi.registrationsFrom("county-330106")).isEmpty();
        }
    }

    private static Patient patient(String id, String nameZh, String pinyin, String residentId, AdministrativeGender gender,
                                   String birthDate, String phone, String divisionCode) {
        Patient patient = new Patient();
        patient.setId(id);
        patient.addIdentifier().setSystem(RhixNamingSystems.hospitalPatientIds(HOSPITAL)).setValue("MRN-" + id);
        if (residentId != null) {
            patient.addIdentifier().setSystem(RhixNamingSystems.RESIDENT_ID).setValue(residentId);
        }
        patient.addName().setText(nameZh).addExtension(RhixNamingSystems.PINYIN_EXTENSION, new StringType(pinyin));
        patient.setGender(gender);
        patient.setBirthDateElement(new DateType(birthDate));
        patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue(phone);
        patient.addAddress().addExtension(RhixNamingSystems.ADMIN_DIVISION, new CodeType(divisionCode));
        return patient;
    }

    private static IngestResult ingest(IBaseResource... resources) {
        return ingest(server.getApplicationContext(), resources);
    }

    private static IngestResult ingest(ApplicationContext context, IBaseResource... resources) {
        var parser = FHIR.newJsonParser().setPrettyPrint(false);
        String ndjson = Arrays.stream(resources).map(parser::encodeResourceToString).collect(Collectors.joining("\n")) + "\n";
        return context.getBean(IngestionService.class).ingest(new IngestRequest(HOSPITAL, "HIS", PayloadFormat.NDJSON,
                ndjson.getBytes(StandardCharsets.UTF_8), true));
    }

    /** Polls the node's outbox row for the patient until it satisfies {@code condition}. */
    private static MpiRegistration awaitRegistration(String patientId, Predicate<MpiRegistration> condition)
            throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        MpiRegistration last = null;
        while (System.nanoTime() < deadline) {
            last = registration(server.getApplicationContext(), patientId);
            if (last != null && condition.test(last)) {
                return last;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("Patient/" + patientId + "'s MPI registration did not reach the expected state within "
                + PATIENCE + "; last seen: " + last);
    }

    private static MpiRegistration registration(ApplicationContext context, String patientId) throws SQLException {
        try (Connection connection = context.getBean(DataSource.class).getConnection()) {
            return context.getBean(MpiOutbox.class).find(connection, patientId).orElse(null);
        }
    }

    private static Map<String, Object> mpiStatus() {
        return mpiStatus(http);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mpiStatus(HttpClient client) {
        Map<String, Object> node = client.toBlocking().retrieve(HttpRequest.GET("/node"),
                Argument.mapOf(String.class, Object.class));
        return (Map<String, Object>) node.get("mpiRegistration");
    }
}
