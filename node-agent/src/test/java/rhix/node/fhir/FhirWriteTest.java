package rhix.node.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import io.micronaut.context.ApplicationContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import rhix.fhir.RhixNamingSystems;
import rhix.node.fhir.conformance.ConformingClients;
import rhix.node.ingest.BatchStatus;
import rhix.node.ingest.IngestBatchRepository;
import rhix.node.ingest.IngestReport;
import rhix.node.ingest.PayloadFormat;
import rhix.testing.TestDatabase;

/** Writes through the node's FHIR API, driven by HAPI's generic client against a node on PostgreSQL. */
class FhirWriteTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String HOSPITAL = "H330102001";
    private static final String MRN = RhixNamingSystems.hospitalPatientIds(HOSPITAL);
    private static final String LAB = RhixNamingSystems.hospitalLabCodes(HOSPITAL);
    private static final int MAXIMUM_ENTRIES = 5;
    private static final int MAXIMUM_BYTES = 200_000;
    private static final String WRITER = "his-330102";
    private static final String TOKEN = TestTokens.token(WRITER, "system/*.cruds", "TREAT");
    private static ConformingClients clients;
    private static TestDatabase database;
    private static ApplicationContext node;
    private static IGenericClient client;

    @BeforeAll
    static void startNode() {
        database = TestDatabase.create("fhirwrite");
        Map<String, Object> properties = new java.util.HashMap<>(TestTokens.securedNodeProperties());
        properties.putAll(Map.of("rhix.node.store.url", database.jdbcUrl(),
                "rhix.node.id", "county-330102", "rhix.node.level", "COUNTY", "rhix.node.division-code", "330102",
                "rhix.node.fhir.maximum-bundle-entries", MAXIMUM_ENTRIES,
                "rhix.node.fhir.maximum-request-bytes", MAXIMUM_BYTES));
        node = ApplicationContext.run(properties);
        clients = new ConformingClients(node.getBean(FhirFacade.class).baseUrl());
        client = clients.client(TestTokens.bearer(TOKEN));
    }

    @AfterEach
    void everyResourceReceivedConformsToR4() {
        clients.assertEveryResponseConformed();
    }

    @AfterAll
    static void stopNode() {
        node.close();
        database.close();
    }

    @Test
    void createAssignsAnIdAndVersionOneAndTheLedgerRecordsTheWriter() throws Exception {
        MethodOutcome created = client.create().resource(patient("MRN-C1", "张", "伟")).execute();

        assertThat(created.getCreated()).isTrue();
        assertThat(created.getId().getVersionIdPart()).isEqualTo("1");
        Patient read = client.read().resource(Patient.class).withId(created.getId().getIdPart()).execute();
        assertThat(read.getNameFirstRep().getFamily()).isEqualTo("张");
        assertThat(read.getMeta().getVersionId()).isEqualTo("1");
        List<IngestReport> ledger = node.getBean(IngestBatchRepository.class).recent(Optional.of(WRITER), 100);
        assertThat(ledger).anySatisfy(report -> {
            assertThat(report.format()).isEqualTo(PayloadFormat.FHIR_REST);
            assertThat(report.status()).isEqualTo(BatchStatus.ACCEPTED);
            assertThat(report.created()).isEqualTo(1);
        });
    }

    @Test
    void anInvalidResourceIsRefusedWith422NamingTheElementAndNothingIsStored() {
        Observation noStatus = observation("Patient/none-needed", "GLU", 5.1);
        noStatus.setStatus(null);
        noStatus.setSubject(null);

        assertThatThrownBy(() -> client.create().resource(noStatus).execute())
                .isInstanceOfSatisfying(UnprocessableEntityException.class, e -> {
                    OperationOutcome outcome = (OperationOutcome) e.getOperationOutcome();
                    assertThat(outcome.getIssue()).anySatisfy(issue -> {
                        assertThat(issue.getDiagnostics()).contains("Observation.status is required");
                        assertThat(issue.getExpression()).extracting(Object::toString).contains("Observation.status");
                    });
                });
        assertThat(count(Observation.class, "code=" + LAB + "|GLU")).isZero();
    }

    @Test
    void aReferenceToNothingAndAnInvalidResidentIdAreRefused() {
        Patient badId = patient("MRN-BAD", "李", "娜");
        badId.addIdentifier().setSystem(RhixNamingSystems.RESIDENT_ID).setValue("330102199001011235");

        assertThatThrownBy(() -> client.create().resource(observation("Patient/ghost", "HGB", 120)).execute())
                .isInstanceOfSatisfying(UnprocessableEntityException.class,
                        e -> assertThat(outcomeText(e)).contains("Patient/ghost"));
        assertThatThrownBy(() -> client.create().resource(badId).execute())
                .isInstanceOfSatisfying(UnprocessableEntityException.class,
                        e -> assertThat(outcomeText(e)).contains("GB 11643 check character"));
        assertThat(count(Patient.class, "identifier=" + MRN + "|MRN-BAD")).isZero();
    }

    @Test
    void conditionalCreateByIdentifierKeepsTheExistingPatient() {
        String condition = "identifier=" + MRN + "|MRN-COND";
        MethodOutcome first = client.create().resource(patient("MRN-COND", "赵", "敏")).conditionalByUrl("Patient?" + condition).execute();
        MethodOutcome second = client.create().resource(patient("MRN-COND", "赵", "敏")).conditionalByUrl("Patient?" + condition).execute();

        assertThat(first.getCreated()).isTrue();
        assertThat(second.getCreated()).isNotEqualTo(Boolean.TRUE);
        assertThat(second.getId().getIdPart()).isEqualTo(first.getId().getIdPart());
        assertThat(count(Patient.class, condition)).isEqualTo(1);
        assertThatThrownBy(() -> client.create().resource(patient("MRN-X", "钱", "进"))
                .conditionalByUrl("Patient?name=钱").execute())
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getMessage()).contains("identifier="));
    }

    @Test
    void updateMakesANewVersionUnlessNothingChangedAndHonoursIfMatch() {
        String id = client.create().resource(patient("MRN-U1", "孙", "丽")).execute().getId().getIdPart();
        Patient changed = patient("MRN-U1", "孙", "莉");
        changed.setId(id);

        MethodOutcome second = client.update().resource(changed).execute();
        MethodOutcome same = client.update().resource(changed).execute();

        assertThat(second.getId().getVersionIdPart()).isEqualTo("2");
        assertThat(same.getId().getVersionIdPart()).isEqualTo("2");
        assertThat(client.history().onInstance(new IdType("Patient", id)).returnBundle(Bundle.class).execute().getEntry()).hasSize(2);
        assertThatThrownBy(() -> client.update().resource(changed).withId(new IdType("Patient", id, "1")).execute())
                .isInstanceOfSatisfying(PreconditionFailedException.class, e -> assertThat(e.getStatusCode()).isEqualTo(412));
    }

    @Test
    void updateWithAClientIdCreatesTheResource() {
        Patient chosen = patient("MRN-U2", "周", "杰");
        chosen.setId("his-chosen-1");

        MethodOutcome outcome = client.update().resource(chosen).execute();

        assertThat(outcome.getCreated()).isTrue();
        assertThat(client.read().resource(Patient.class).withId("his-chosen-1").execute().getMeta().getVersionId()).isEqualTo("1");
    }

    @Test
    void deleteLeavesATombstoneAndARefusalWhileOthersReferToIt() {
        String patientId = client.create().resource(patient("MRN-D1", "吴", "刚")).execute().getId().getIdPart();
        String observationId = client.create().resource(observation("Patient/" + patientId, "TBIL", 12)).execute().getId().getIdPart();

        assertThatThrownBy(() -> client.delete().resourceById("Patient", patientId).execute())
                .isInstanceOfSatisfying(ResourceVersionConflictException.class,
                        e -> assertThat(e.getMessage()).contains("Observation/" + observationId));
        assertThatThrownBy(() -> client.delete().resourceById("Observation", observationId)
                .withAdditionalHeader("If-Match", "W/\"7\"").execute())
                .isInstanceOf(PreconditionFailedException.class);
        client.delete().resourceById("Observation", observationId).withAdditionalHeader("If-Match", "W/\"1\"").execute();
        client.delete().resourceById("Patient", patientId).execute();

        assertThatThrownBy(() -> client.read().resource(Observation.class).withId(observationId).execute())
                .isInstanceOf(ResourceGoneException.class);
        assertThat(count(Observation.class, "code=" + LAB + "|TBIL")).isZero();
        assertThat(client.history().onInstance(new IdType("Patient", patientId)).returnBundle(Bundle.class).execute().getEntry())
                .hasSize(2);
        assertThatThrownBy(() -> client.delete().resourceById("Patient", "never-was").execute())
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void aTransactionCreatesEverythingAndResolvesUrnUuidReferences() {
        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        transaction.addEntry().setFullUrl("urn:uuid:7f4c1f0e-0000-4000-8000-000000000001").setResource(patient("MRN-T1", "郑", "洁"))
                .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
        transaction.addEntry().setResource(observation("urn:uuid:7f4c1f0e-0000-4000-8000-000000000001", "ALT", 31))
                .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");

        Bundle response = client.transaction().withBundle(transaction).execute();

        assertThat(response.getType()).isEqualTo(Bundle.BundleType.TRANSACTIONRESPONSE);
        assertThat(response.getEntry()).extracting(entry -> entry.getResponse().getStatus()).containsExactly("201 Created", "201 Created");
        String patientId = new IdType(response.getEntry().get(0).getResponse().getLocation()).getIdPart();
        Observation stored = client.read().resource(Observation.class)
                .withId(new IdType(response.getEntry().get(1).getResponse().getLocation()).getIdPart()).execute();
        assertThat(stored.getSubject().getReference()).isEqualTo("Patient/" + patientId);
    }

    @Test
    void theAuditEventOfATransactionNamesEveryVersionItMadeAndTheWriter() throws Exception {
        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        transaction.addEntry().setFullUrl("urn:uuid:7f4c1f0e-0000-4000-8000-000000000009").setResource(patient("MRN-A1", "何", "平"))
                .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
        transaction.addEntry().setResource(observation("urn:uuid:7f4c1f0e-0000-4000-8000-000000000009", "UA", 300))
                .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
        Bundle response = client.transaction().withBundle(transaction).execute();
        String patientVersion = response.getEntry().get(0).getResponse().getLocation();
        node.getBean(StoreAuditSink.class).flush(5_000);

        Bundle audit = client.search().forResource(org.hl7.fhir.r4.model.AuditEvent.class)
                .where(org.hl7.fhir.r4.model.AuditEvent.ENTITY.hasId(new IdType(patientVersion).toUnqualifiedVersionless().getValue()))
                .and(org.hl7.fhir.r4.model.AuditEvent.SUBTYPE.exactly().code("transaction"))
                .returnBundle(Bundle.class).execute();

        assertThat(audit.getEntry()).hasSize(1);
        var event = (org.hl7.fhir.r4.model.AuditEvent) audit.getEntryFirstRep().getResource();
        assertThat(event.getAction()).isEqualTo(org.hl7.fhir.r4.model.AuditEvent.AuditEventAction.C);
        assertThat(event.getEntity()).extracting(entity -> entity.getWhat().getReference())
                .containsExactly(patientVersion, response.getEntry().get(1).getResponse().getLocation());
        assertThat(event.getAgentFirstRep().getWho().getDisplay()).isEqualTo(WRITER);
        assertThat(event.getAgentFirstRep().getPurposeOfUseFirstRep().getCodingFirstRep().getCode()).isEqualTo("TREAT");
    }

    @Test
    void aTransactionWithOneBadEntryStoresNothing() {
        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        transaction.addEntry().setFullUrl("urn:uuid:7f4c1f0e-0000-4000-8000-000000000002").setResource(patient("MRN-T2", "冯", "雪"))
                .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
        Observation broken = observation("urn:uuid:7f4c1f0e-0000-4000-8000-000000000002", "AST", 28);
        broken.setCode(null);
        transaction.addEntry().setResource(broken).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");

        assertThatThrownBy(() -> client.transaction().withBundle(transaction).execute())
                .isInstanceOfSatisfying(UnprocessableEntityException.class,
                        e -> assertThat(outcomeText(e)).contains("Bundle.entry[1]").contains("Observation.code is required"));
        assertThat(count(Patient.class, "identifier=" + MRN + "|MRN-T2")).isZero();
    }

    @Test
    void aConditionalCreateInATransactionPointsReferencesAtTheExistingPatient() {
        String existing = client.create().resource(patient("MRN-T3", "陈", "静")).execute().getId().getIdPart();
        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        var patientEntry = transaction.addEntry().setFullUrl("urn:uuid:7f4c1f0e-0000-4000-8000-000000000003")
                .setResource(patient("MRN-T3", "陈", "静"));
        patientEntry.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient").setIfNoneExist("identifier=" + MRN + "|MRN-T3");
        transaction.addEntry().setResource(observation("urn:uuid:7f4c1f0e-0000-4000-8000-000000000003", "CREA", 70))
                .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");

        Bundle response = client.transaction().withBundle(transaction).execute();

        assertThat(response.getEntry().get(0).getResponse().getStatus()).isEqualTo("200 OK");
        assertThat(response.getEntry().get(0).getResponse().getLocation()).startsWith("Patient/" + existing + "/_history/");
        Observation stored = client.read().resource(Observation.class)
                .withId(new IdType(response.getEntry().get(1).getResponse().getLocation()).getIdPart()).execute();
        assertThat(stored.getSubject().getReference()).isEqualTo("Patient/" + existing);
    }

    @Test
    void aBatchReportsEachEntryOnItsOwn() {
        Bundle batch = new Bundle().setType(Bundle.BundleType.BATCH);
        batch.addEntry().setResource(patient("MRN-B1", "褚", "明")).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
        batch.addEntry().setResource(observation("Patient/ghost", "K", 4.1)).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
        batch.addEntry().getRequest().setMethod(Bundle.HTTPVerb.DELETE).setUrl("Patient/never-was");

        Bundle response = client.transaction().withBundle(batch).execute();

        assertThat(response.getType()).isEqualTo(Bundle.BundleType.BATCHRESPONSE);
        assertThat(response.getEntry()).extracting(entry -> entry.getResponse().getStatus())
                .containsExactly("201 Created", "422 Unprocessable Entity", "404 Not Found");
        assertThat(((OperationOutcome) response.getEntry().get(1).getResponse().getOutcome()).getIssueFirstRep().getDiagnostics())
                .contains("Patient/ghost");
        assertThat(count(Patient.class, "identifier=" + MRN + "|MRN-B1")).isEqualTo(1);
    }

    @Test
    void malformedJsonAndUnknownElementsAre400WithWhereTheyBroke() throws Exception {
        HttpResponse<String> truncated = post("/Patient", "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"王\"");
        HttpResponse<String> unknown = post("/Patient", "{\"resourceType\":\"Patient\",\"colour\":\"blue\"}");

        assertThat(truncated.statusCode()).isEqualTo(400);
        assertThat(truncated.body()).contains("OperationOutcome").containsIgnoringCase("line");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("OperationOutcome").contains("colour");
    }

    @Test
    void anOversizedBundleIs413WithAnOperationOutcome() throws Exception {
        Bundle tooMany = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (int i = 0; i <= MAXIMUM_ENTRIES; i++) {
            tooMany.addEntry().setResource(patient("MRN-L" + i, "卫", "东")).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
        }
        Bundle tooBig = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        Patient large = patient("MRN-BIG", "蒋", "大");
        large.getText().setStatus(org.hl7.fhir.r4.model.Narrative.NarrativeStatus.GENERATED)
                .setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\">" + "大".repeat(MAXIMUM_BYTES) + "</div>");
        tooBig.addEntry().setResource(large).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");

        assertThatThrownBy(() -> client.transaction().withBundle(tooMany).execute())
                .isInstanceOfSatisfying(BaseServerResponseException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(413);
                    assertThat(outcomeText(e)).contains("at most " + MAXIMUM_ENTRIES);
                });
        HttpResponse<String> response = post("", FHIR.newJsonParser().encodeResourceToString(tooBig));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("OperationOutcome").contains("at most " + MAXIMUM_BYTES);
        assertThat(count(Patient.class, "identifier=" + MRN + "|MRN-L0")).isZero();
    }

    @Test
    void aPlainJsonReadSendsTheStoredJsonByteForByteAsHapiWouldEncodeIt() throws Exception {
        Patient withMeta = patient("MRN-J1", "欧阳", "修");
        withMeta.getMeta().setSource("#his-330102").addTag("http://rhix.org.cn/tag", "demo", null);
        String tagged = client.create().resource(withMeta).execute().getId().getIdPart();
        String plain = client.create().resource(observation("Patient/" + tagged, "NA", 140)).execute().getId().getIdPart();

        for (String path : List.of("/Patient/" + tagged, "/Observation/" + plain, "/Observation/" + plain + "/_history/1")) {
            HttpResponse<String> stored = get(path, "application/fhir+json");
            HttpResponse<String> encoded = get(path + "?_pretty=false", "application/fhir+json");

            assertThat(stored.statusCode()).isEqualTo(200);
            assertThat(stored.body()).as(path).isEqualTo(encoded.body());
            for (String header : List.of("Content-Type", "ETag", "Last-Modified")) {
                assertThat(stored.headers().firstValue(header)).as(path + " " + header).isEqualTo(encoded.headers().firstValue(header))
                        .isPresent();
            }
        }
        assertThat(get("/Patient/" + tagged, "application/fhir+xml").body()).startsWith("<Patient");
    }

    private static HttpResponse<String> get(String path, String accept) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create(node.getBean(FhirFacade.class).baseUrl() + path))
                    .header("Accept", accept).header("Authorization", "Bearer " + TOKEN).GET().build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create(node.getBean(FhirFacade.class).baseUrl() + path))
                    .header("Content-Type", "application/fhir+json").header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    private static int count(Class<? extends org.hl7.fhir.r4.model.Resource> type, String query) {
        return client.search().byUrl(FHIR.getResourceType(type) + "?" + query).returnBundle(Bundle.class).execute().getTotal();
    }

    private static String outcomeText(BaseServerResponseException e) {
        return ((OperationOutcome) e.getOperationOutcome()).getIssue().stream()
                .map(OperationOutcome.OperationOutcomeIssueComponent::getDiagnostics).reduce("", (a, b) -> a + "\n" + b);
    }

    private static Patient patient(String mrn, String family, String given) {
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(MRN).setValue(mrn);
        patient.addName().setFamily(family).addGiven(given);
        patient.setGender(org.hl7.fhir.r4.model.Enumerations.AdministrativeGender.FEMALE);
        return patient;
    }

    private static Observation observation(String subject, String code, double value) {
        Observation observation = new Observation();
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.getCode().addCoding().setSystem(LAB).setCode(code);
        observation.setSubject(new Reference(subject));
        observation.setEffective(new DateTimeType("2026-11-20T08:30:00+08:00"));
        observation.setValue(new Quantity().setValue(value).setSystem("http://unitsofmeasure.org").setCode("mmol/L"));
        return observation;
    }
}
