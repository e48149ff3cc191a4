package rhix.node.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.gclient.TokenClientParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import io.micronaut.context.ApplicationContext;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import rhix.fhir.RhixNamingSystems;
import rhix.node.fhir.conformance.ConformingClients;
import rhix.node.fhir.conformance.R4CoreValidator;
import rhix.node.ingest.BatchStatus;
import rhix.node.ingest.IngestRequest;
import rhix.node.ingest.IngestionService;
import rhix.node.ingest.PayloadFormat;
import rhix.testing.TestDatabase;

/**
 * The node's FHIR API driven by HAPI's generic client against a node on PostgreSQL, with bearer tokens
 * (security on), and every response validated against the R4 core profiles.
 */
class FhirFacadeTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String HOSPITAL = "H330102001";
    private static final String LAB = RhixNamingSystems.hospitalLabCodes(HOSPITAL);
    private static TestDatabase database;
    private static ApplicationContext node;
    private static IGenericClient client;
    private static ConformingClients clients;

    @BeforeAll
    static void startNodeWithData() {
        database = TestDatabase.create("fhir");
        Map<String, Object> properties = new HashMap<>(TestTokens.securedNodeProperties());
        properties.putAll(Map.of("rhix.node.store.url", database.jdbcUrl(),
                "rhix.node.id", "county-330102", "rhix.node.level", "COUNTY", "rhix.node.division-code", "330102"));
        node = ApplicationContext.run(properties);
        Patient patient = new Patient();
        patient.setId("f-p1");
        patient.addIdentifier().setSystem(RhixNamingSystems.hospitalPatientIds(HOSPITAL)).setValue("MRN-77");
        patient.addName().setFamily("王").addGiven("芳");
        ingest(patient, observation("f-o1", "GLU", "2026-10-01T08:30:00+08:00", 5.4),
                observation("f-o2", "HGB", "2026-10-03T09:00:00+08:00", 131),
                observation("f-o3", "GLU", "2025-01-05T09:00:00+08:00", 6.8));
        ingest(observation("f-o1", "GLU", "2026-10-01T08:30:00+08:00", 5.9));
        clients = new ConformingClients(node.getBean(FhirFacade.class).baseUrl());
        client = clients.client(TestTokens.operator());
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
    void readsTheCurrentVersionWithTheStoresVersionAndTime() {
        Observation observation = client.read().resource(Observation.class).withId("f-o1").execute();

        assertThat(observation.getMeta().getVersionId()).isEqualTo("2");
        assertThat(observation.getMeta().getLastUpdated()).isNotNull();
        assertThat(observation.getValueQuantity().getValue().doubleValue()).isEqualTo(5.9);
    }

    @Test
    void vreadAndHistoryReturnEveryVersion() {
        Observation first = client.read().resource(Observation.class).withIdAndVersion("f-o1", "1").execute();
        Bundle history = client.history().onInstance(new IdType("Observation", "f-o1")).returnBundle(Bundle.class).execute();

        assertThat(first.getValueQuantity().getValue().doubleValue()).isEqualTo(5.4);
        assertThat(history.getEntry()).hasSize(2);
        assertThat(history.getEntry()).extracting(entry -> entry.getResource().getMeta().getVersionId()).containsExactly("2", "1");
    }

    @Test
    void anUnknownResourceIsA404WithAnOperationOutcome() {
        assertThatThrownBy(() -> client.read().resource(Patient.class).withId("nobody").execute())
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(404);
                    assertThat(e.getOperationOutcome()).isInstanceOf(OperationOutcome.class);
                });
    }

    @Test
    void searchesObservationsByPatientCodeAndDateRangeInTheStore() {
        Bundle recentGlucose = client.search().forResource(Observation.class)
                .where(Observation.PATIENT.hasId("Patient/f-p1"))
                .and(Observation.CODE.exactly().systemAndCode(LAB, "GLU"))
                .and(Observation.DATE.afterOrEquals().day("2026-01-01"))
                .returnBundle(Bundle.class).execute();
        Bundle allGlucose = client.search().forResource(Observation.class)
                .where(Observation.SUBJECT.hasId("Patient/f-p1"))
                .and(Observation.CODE.exactly().code("GLU"))
                .returnBundle(Bundle.class).execute();
        Bundle before = client.search().forResource(Observation.class)
                .where(Observation.DATE.before().day("2025-02-01"))
                .returnBundle(Bundle.class).execute();

        assertThat(recentGlucose.getEntry()).extracting(entry -> entry.getResource().getIdElement().getIdPart())
                .containsExactly("f-o1");
        assertThat(allGlucose.getTotal()).isEqualTo(2);
        assertThat(before.getEntry()).extracting(entry -> entry.getResource().getIdElement().getIdPart())
                .containsExactly("f-o3");
    }

    @Test
    void searchesPatientsByIdentifierAndName() {
        Bundle byIdentifier = client.search().forResource(Patient.class)
                .where(Patient.IDENTIFIER.exactly().systemAndCode(RhixNamingSystems.hospitalPatientIds(HOSPITAL), "MRN-77"))
                .returnBundle(Bundle.class).execute();
        Bundle byFamily = client.search().forResource(Patient.class).where(Patient.FAMILY.matches().value("王"))
                .returnBundle(Bundle.class).execute();
        Bundle nobody = client.search().forResource(Patient.class).where(Patient.FAMILY.matches().value("欧阳"))
                .returnBundle(Bundle.class).execute();

        assertThat(byIdentifier.getEntry()).hasSize(1);
        assertThat(byFamily.getEntry()).hasSize(1);
        assertThat(nobody.getEntry()).isEmpty();
    }

    @Test
    void pagesFollowTheNextLink() {
        Bundle first = client.search().forResource(Observation.class).count(2).returnBundle(Bundle.class).execute();
        Bundle second = client.loadPage().next(first).execute();

        assertThat(first.getTotal()).isEqualTo(3);
        assertThat(first.getEntry()).hasSize(2);
        assertThat(second.getEntry()).hasSize(1);
        assertThat(second.getEntryFirstRep().getResource().getIdElement().getIdPart()).isEqualTo("f-o3");
    }

    @Test
    void anUnknownSearchParameterIsRefusedWith400() {
        assertThatThrownBy(() -> client.search().forResource(Patient.class)
                .where(new TokenClientParam("colour").exactly().code("red")).returnBundle(Bundle.class).execute())
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("colour");
                });
    }

    @Test
    void theCapabilityStatementListsTheResourcesAndTheirSearchParameters() {
        CapabilityStatement capabilities = client.capabilities().ofType(CapabilityStatement.class).execute();

        var observation = capabilities.getRestFirstRep().getResource().stream()
                .filter(resource -> resource.getType().equals("Observation")).findFirst().orElseThrow();
        assertThat(observation.getSearchParam()).extracting(CapabilityStatement.CapabilityStatementRestResourceSearchParamComponent::getName)
                .contains("patient", "code", "date", "category");
        assertThat(observation.getInteraction()).extracting(interaction -> interaction.getCode().toCode())
                .contains("read", "vread", "history-instance", "search-type");
    }

    @Test
    void theCapabilityStatementValidatesAgainstTheR4CoreProfilesWithoutErrors() {
        CapabilityStatement capabilities = client.capabilities().ofType(CapabilityStatement.class).execute();

        assertThat(R4CoreValidator.errors(capabilities)).isEmpty();
        assertThat(clients.responsesChecked()).isPositive();
    }

    @Test
    void everyAccessLeavesAnAuditEventWithWhoWhyWhatAndOutcome() throws Exception {
        IGenericClient doctor = clients.client(TestTokens.bearer(TestTokens.token("dr-li", "user/*.rs", "TREAT")));
        doctor.read().resource(Observation.class).withId("f-o2").execute();
        assertThatThrownBy(() -> doctor.read().resource(Patient.class).withId("audit-nobody").execute())
                .isInstanceOf(ResourceNotFoundException.class);
        node.getBean(StoreAuditSink.class).flush(5_000);

        Bundle reads = client.search().forResource(org.hl7.fhir.r4.model.AuditEvent.class)
                .where(org.hl7.fhir.r4.model.AuditEvent.ENTITY.hasId("Observation/f-o2"))
                .returnBundle(Bundle.class).execute();
        Bundle failures = client.search().forResource(org.hl7.fhir.r4.model.AuditEvent.class)
                .where(org.hl7.fhir.r4.model.AuditEvent.OUTCOME.exactly().code("4"))
                .returnBundle(Bundle.class).execute();

        assertThat(reads.getEntry()).isNotEmpty();
        var read = (org.hl7.fhir.r4.model.AuditEvent) reads.getEntryFirstRep().getResource();
        assertThat(read.getSubtypeFirstRep().getCode()).isEqualTo("read");
        assertThat(read.getAction()).isEqualTo(org.hl7.fhir.r4.model.AuditEvent.AuditEventAction.R);
        assertThat(read.getOutcome()).isEqualTo(org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome._0);
        assertThat(read.getAgentFirstRep().getWho().getDisplay()).isEqualTo("dr-li");
        assertThat(read.getAgentFirstRep().getPurposeOfUseFirstRep().getCodingFirstRep().getCode()).isEqualTo("TREAT");
        assertThat(read.getSource().getObserver().getDisplay()).isEqualTo("county-330102");
        assertThat(failures.getEntry()).extracting(entry -> ((org.hl7.fhir.r4.model.AuditEvent) entry.getResource())
                .getEntityFirstRep().getWhat().getReference()).contains("Patient/audit-nobody");
    }

    private static Observation observation(String id, String code, String effective, double value) {
        Observation observation = new Observation();
        observation.setId(id);
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.getCode().addCoding().setSystem(LAB).setCode(code);
        observation.getSubject().setReference("Patient/f-p1");
        observation.setEffective(new DateTimeType(effective));
        observation.setValue(new Quantity().setValue(value).setSystem("http://unitsofmeasure.org").setCode("mmol/L"));
        return observation;
    }

    private static void ingest(org.hl7.fhir.r4.model.Resource... resources) {
        StringBuilder ndjson = new StringBuilder();
        for (var resource : resources) {
            ndjson.append(FHIR.newJsonParser().encodeResourceToString(resource)).append('\n');
        }
        var result = node.getBean(IngestionService.class).ingest(new IngestRequest(HOSPITAL, "LIS", PayloadFormat.NDJSON,
                ndjson.toString().getBytes(StandardCharsets.UTF_8), true));
        assertThat(result.report().status()).as(result.problems().toString()).isEqualTo(BatchStatus.ACCEPTED);
    }
}
