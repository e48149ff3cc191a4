package rhix.node.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import io.micronaut.context.ApplicationContext;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import rhix.fhir.RhixNamingSystems;
import rhix.node.fhir.conformance.ConformingClients;
import rhix.testing.TestDatabase;

/** {@code Patient/$everything} over a node on PostgreSQL, with data written through the FHIR API. */
class PatientEverythingTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String HOSPITAL = "H330102001";
    private static ConformingClients clients;
    private static TestDatabase database;
    private static ApplicationContext node;
    private static IGenericClient client;

    @BeforeAll
    static void startNodeWithTwoPatients() {
        database = TestDatabase.create("everything");
        node = ApplicationContext.run(TestTokens.secured(Map.of("rhix.node.store.url", database.jdbcUrl(),
                "rhix.node.id", "county-330102", "rhix.node.level", "COUNTY", "rhix.node.division-code", "330102")));
        clients = new ConformingClients(node.getBean(FhirFacade.class).baseUrl());
        client = clients.client(TestTokens.operator());
        Organization hospital = new Organization().setName("上城区人民医院");
        hospital.setId("org-1");
        Practitioner doctor = new Practitioner();
        doctor.setId("dr-1");
        doctor.addName().setFamily("李").addGiven("医生");
        Encounter visit = new Encounter().setStatus(Encounter.EncounterStatus.FINISHED)
                .setClass_(new org.hl7.fhir.r4.model.Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", "ambulatory"))
                .setSubject(new Reference("Patient/p-1")).setServiceProvider(new Reference("Organization/org-1"));
        visit.setId("enc-1");
        Condition diabetes = new Condition().setSubject(new Reference("Patient/p-1"));
        diabetes.getCode().addCoding().setSystem("http://hl7.org/fhir/sid/icd-10").setCode("E11.9");
        diabetes.setId("cond-1");
        put(hospital, doctor, patient("p-1", "MRN-1"), patient("p-2", "MRN-2"), visit, diabetes,
                observation("obs-1", "p-1", "dr-1"), observation("obs-2", "p-1", null), observation("obs-other", "p-2", "dr-1"));
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
    void returnsThePatientTheirRecordAndWhatItNamesButNotOtherPatientsOrAccessLogs() {
        client.read().resource(Patient.class).withId("p-1").execute();

        Bundle everything = client.operation().onInstance(new IdType("Patient", "p-1")).named("$everything")
                .withNoParameters(Parameters.class).returnResourceType(Bundle.class).execute();

        assertThat(ids(everything)).containsExactly("Patient/p-1", "Condition/cond-1", "Encounter/enc-1", "Observation/obs-1",
                "Observation/obs-2", "Organization/org-1", "Practitioner/dr-1");
        assertThat(everything.getTotal()).isEqualTo(7);
    }

    @Test
    void typeRestrictsTheResourcesAndPagesFollowTheNextLink() {
        Bundle observations = client.operation().onInstance(new IdType("Patient", "p-1")).named("$everything")
                .withParameter(Parameters.class, "_type", new StringType("Observation")).useHttpGet()
                .returnResourceType(Bundle.class).execute();
        Bundle firstPage = client.search().byUrl(node.getBean(FhirFacade.class).baseUrl() + "/Patient/p-1/$everything?_count=3").returnBundle(Bundle.class).execute();
        Bundle secondPage = client.loadPage().next(firstPage).execute();

        assertThat(ids(observations)).containsExactly("Observation/obs-1", "Observation/obs-2");
        assertThat(ids(firstPage)).hasSize(3);
        assertThat(ids(secondPage)).hasSize(3).doesNotContainAnyElementsOf(ids(firstPage));
    }

    @Test
    void anUnknownPatientIs404AndAnUnknownTypeIs400() {
        assertThatThrownBy(() -> client.operation().onInstance(new IdType("Patient", "nobody")).named("$everything")
                .withNoParameters(Parameters.class).returnResourceType(Bundle.class).execute())
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> client.operation().onInstance(new IdType("Patient", "p-1")).named("$everything")
                .withParameter(Parameters.class, "_type", new StringType("Spaceship")).useHttpGet()
                .returnResourceType(Bundle.class).execute())
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getMessage()).contains("Spaceship"));
    }

    @Test
    void needsTheSearchScopeOfEveryTypeItReturns() {
        IGenericClient readOnly = clients.client(TestTokens.bearer(TestTokens.token("dr-wang", "user/*.r", "TREAT")));
        IGenericClient observationsOnly = clients.client(TestTokens.bearer(TestTokens.token("dr-wang", "user/Observation.rs", "TREAT")));
        IGenericClient clinician = clients.client(TestTokens.bearer(TestTokens.token("dr-wang", "user/*.rs", "TREAT")));

        for (IGenericClient refused : List.of(readOnly, observationsOnly)) {
            assertThatThrownBy(() -> refused.operation().onInstance(new IdType("Patient", "p-1")).named("$everything")
                    .withNoParameters(Parameters.class).returnResourceType(Bundle.class).execute())
                    .isInstanceOfSatisfying(ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException.class,
                            e -> assertThat(e.getStatusCode()).isEqualTo(403));
        }
        assertThat(clinician.operation().onInstance(new IdType("Patient", "p-1")).named("$everything")
                .withNoParameters(Parameters.class).returnResourceType(Bundle.class).execute().getEntry()).hasSize(7);
    }

    private static List<String> ids(Bundle bundle) {
        return bundle.getEntry().stream().map(entry -> entry.getResource().getIdElement().toUnqualifiedVersionless().getValue())
                .toList();
    }

    private static void put(Resource... resources) {
        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (Resource resource : resources) {
            transaction.addEntry().setResource(resource).getRequest().setMethod(Bundle.HTTPVerb.PUT)
                    .setUrl(resource.fhirType() + "/" + resource.getIdElement().getIdPart());
        }
        client.transaction().withBundle(transaction).execute();
    }

    private static Patient patient(String id, String mrn) {
        Patient patient = new Patient();
        patient.setId(id);
        patient.addIdentifier().setSystem(RhixNamingSystems.hospitalPatientIds(HOSPITAL)).setValue(mrn);
        return patient;
    }

    private static Observation observation(String id, String patientId, String performerId) {
        Observation observation = new Observation().setStatus(Observation.ObservationStatus.FINAL)
                .setSubject(new Reference("Patient/" + patientId)).setEffective(new DateTimeType("2026-11-01T09:00:00+08:00"));
        observation.getCode().addCoding().setSystem(RhixNamingSystems.hospitalLabCodes(HOSPITAL)).setCode("GLU");
        if (performerId != null) {
            observation.addPerformer(new Reference("Practitioner/" + performerId));
        }
        observation.setId(id);
        return observation;
    }
}
