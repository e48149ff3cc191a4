package rhix.node.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.SummaryEnum;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import io.micronaut.context.ApplicationContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Bundle.SearchEntryMode;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceSearchParamComponent;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import rhix.fhir.RhixNamingSystems;
import rhix.node.fhir.conformance.ConformingClients;
import rhix.node.ingest.BatchStatus;
import rhix.node.ingest.IngestRequest;
import rhix.node.ingest.IngestionService;
import rhix.node.ingest.PayloadFormat;
import rhix.node.store.search.IndexedParameter;
import rhix.node.store.search.IndexedParameters;
import rhix.testing.TestDatabase;

/**
 * Search features of the node's FHIR API (OR lists, {@code _lastUpdated}, {@code _sort}, {@code _summary=count},
 * {@code _elements}, chains, {@code _include}/{@code _revinclude}, paging, refusals) driven by HAPI's generic
 * client against a node on PostgreSQL.
 */
class FhirSearchTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String HOSPITAL = "H330102002";
    private static final String LAB = RhixNamingSystems.hospitalLabCodes(HOSPITAL);
    private static final String MRN = RhixNamingSystems.hospitalPatientIds(HOSPITAL);
    private static TestDatabase database;
    private static ApplicationContext node;
    private static IGenericClient client;
    private static ConformingClients clients;
    /** An instant after the first batch was stored and before the second one was. */
    private static Instant betweenBatches;

    @BeforeAll
    static void startNodeWithData() throws InterruptedException {
        database = TestDatabase.create("fhir_search");
        node = ApplicationContext.run(TestTokens.secured(Map.of("rhix.node.store.url", database.jdbcUrl(),
                "rhix.node.id", "county-330102", "rhix.node.level", "COUNTY", "rhix.node.division-code", "330102")));
        Practitioner doctor = new Practitioner();
        doctor.setId("s-dr1");
        doctor.addIdentifier().setSystem("urn:rhix:test:staff").setValue("D-1");
        doctor.addName().setFamily("刘").addGiven("洋");
        Organization hospital = new Organization();
        hospital.setId("s-org1");
        hospital.addIdentifier().setSystem("urn:rhix:test:org").setValue(HOSPITAL);
        hospital.setName("西湖区人民医院");
        Encounter visit = new Encounter();
        visit.setId("s-e1");
        visit.setStatus(Encounter.EncounterStatus.FINISHED);
        visit.getClass_().setSystem("http://terminology.hl7.org/CodeSystem/v3-ActCode").setCode("AMB");
        visit.getSubject().setReference("Patient/s-p1");
        visit.setPeriod(new Period().setStartElement(new DateTimeType("2026-10-01T08:00:00+08:00")));
        visit.getServiceProvider().setReference("Organization/s-org1");
        ingest(patient("s-p1", "MRN-1", "王", "芳", Enumerations.AdministrativeGender.FEMALE),
                patient("s-p2", "MRN-2", "李", "雷", Enumerations.AdministrativeGender.MALE),
                patient("s-p3", "MRN-3", "Ouyang", "Na", Enumerations.AdministrativeGender.FEMALE),
                doctor, hospital, visit,
                observation("s-o1", "s-p1", "GLU", "2026-10-01T08:30:00+08:00"),
                observation("s-o2", "s-p1", "HGB", "2026-10-03T09:00:00+08:00"),
                observation("s-o3", "s-p1", "GLU", "2025-01-05T09:00:00+08:00"),
                observation("s-o4", "s-p2", "GLU", "2026-09-01T10:00:00+08:00"),
                report(), condition(), conditionWithOnset(), procedure(), medicationRequest(), allergy(), document(), imagingStudy(),
                provenance(), consent());
        Thread.sleep(20);
        betweenBatches = Instant.now();
        Thread.sleep(20);
        Observation late = observation("s-o5", "s-p2", "WBC", "2026-08-01T10:00:00+08:00");
        late.addPerformer().setReference("Practitioner/s-dr1");
        ingest(late);
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
    void theCapabilityStatementDeclaresExactlyTheIndexedSearchParametersOfEveryType() {
        CapabilityStatement capabilities = client.capabilities().ofType(CapabilityStatement.class).execute();
        Map<String, CapabilityStatementRestResourceComponent> declared = searchable(capabilities).stream().collect(Collectors.toMap(CapabilityStatementRestResourceComponent::getType, resource -> resource));

        assertThat(declared.keySet()).containsExactlyInAnyOrderElementsOf(IndexedParameters.resourceTypes());
        for (String type : IndexedParameters.resourceTypes()) {
            Map<String, String> expected = new java.util.TreeMap<>(Map.of("_id", "token", "_lastUpdated", "date"));
            IndexedParameters.forType(type).forEach(parameter -> expected.put(parameter.name(), parameter.type().getCode()));
            Map<String, String> offered = new java.util.TreeMap<>(declared.get(type).getSearchParam().stream().collect(
                    Collectors.toMap(CapabilityStatementRestResourceSearchParamComponent::getName,
                            parameter -> parameter.getType().toCode())));
            assertThat(offered).as(type).isEqualTo(expected);
        }
    }

    @Test
    void everyIncludeAndRevincludeOfferedFollowsAnIndexedReferenceParameter() {
        CapabilityStatement capabilities = client.capabilities().ofType(CapabilityStatement.class).execute();
        int offered = 0;
        for (CapabilityStatementRestResourceComponent resource : searchable(capabilities)) {
            for (var include : resource.getSearchInclude()) {
                String[] sourceAndParameter = include.getValue().split(":");
                assertThat(sourceAndParameter[0]).as(include.getValue()).isEqualTo(resource.getType());
                assertThat(indexedReferences(sourceAndParameter[0])).as(include.getValue()).contains(sourceAndParameter[1]);
                offered++;
            }
            for (var revInclude : resource.getSearchRevInclude()) {
                String[] sourceAndParameter = revInclude.getValue().split(":");
                assertThat(indexedReferences(sourceAndParameter[0])).as(revInclude.getValue()).contains(sourceAndParameter[1]);
                offered++;
            }
        }
        assertThat(offered).isGreaterThan(30);
        assertThat(searchable(capabilities).stream().filter(resource -> resource.getType().equals("Patient")).findFirst()
                .orElseThrow().getSearchInclude()).as("Patient declares no _include").isEmpty();
    }

    @Test
    void everyTypeIsSearchableInTheStore() {
        Map<String, String> oneOfEach = Map.ofEntries(Map.entry("Patient", "s-p1"), Map.entry("Practitioner", "s-dr1"),
                Map.entry("Organization", "s-org1"), Map.entry("Encounter", "s-e1"), Map.entry("Observation", "s-o1"),
                Map.entry("DiagnosticReport", "s-r1"), Map.entry("ImagingStudy", "s-is1"), Map.entry("Condition", "s-c1"),
                Map.entry("Procedure", "s-pr1"), Map.entry("MedicationRequest", "s-mr1"),
                Map.entry("AllergyIntolerance", "s-ai1"), Map.entry("DocumentReference", "s-doc1"),
                Map.entry("Provenance", "s-prov1"), Map.entry("Consent", "s-cons1"));
        oneOfEach.forEach((type, id) -> assertThat(matches(search(type + "?_id=" + id))).as(type)
                .containsExactly(type + "/" + id));

        assertThat(matches(search("Encounter?service-provider=Organization/s-org1&class=AMB"))).containsExactly("Encounter/s-e1");
        assertThat(matches(search("Practitioner?name=刘"))).containsExactly("Practitioner/s-dr1");
        assertThat(matches(search("Condition?patient=s-p1&clinical-status=active"))).containsExactly("Condition/s-c1");
        assertThat(matches(search("Provenance?patient=s-p1"))).containsExactly("Provenance/s-prov1");
        assertThat(matches(search("Provenance?target=DiagnosticReport/s-r1&agent=Practitioner/s-dr1")))
                .containsExactly("Provenance/s-prov1");
        assertThat(matches(search("Consent?patient=s-p1&status=active&action=access"))).containsExactly("Consent/s-cons1");
        assertThat(matches(search("Consent?patient=s-p2"))).isEmpty();
        assertThat(matches(search("MedicationRequest?code=R-MET&authoredon=ge2026-01-01"))).containsExactly("MedicationRequest/s-mr1");
    }

    @Test
    void commaSeparatedValuesMatchAnyOfThemAndRepeatedParametersMatchAll() {
        assertThat(matches(search("Observation?code=GLU,HGB")))
                .containsExactly("Observation/s-o1", "Observation/s-o2", "Observation/s-o3", "Observation/s-o4");
        assertThat(matches(search("Observation?code=" + LAB + "|HGB," + LAB + "|WBC")))
                .containsExactly("Observation/s-o2", "Observation/s-o5");
        assertThat(matches(search("Observation?_id=s-o1,s-o5"))).containsExactly("Observation/s-o1", "Observation/s-o5");
        assertThat(matches(search("Observation?subject=Patient/s-p2,Patient/s-p3&code=GLU"))).containsExactly("Observation/s-o4");
        assertThat(matches(search("Patient?name=王,李"))).containsExactly("Patient/s-p1", "Patient/s-p2");
        assertThat(matches(search("Observation?code=GLU&code=HGB"))).isEmpty();
    }

    @Test
    void aTokenWithAnEmptySystemMatchesOnlyCodesWithoutASystem() {
        assertThat(matches(search("Patient?gender=|female"))).containsExactly("Patient/s-p1", "Patient/s-p3");
        assertThat(matches(search("Observation?code=|GLU"))).isEmpty();
        assertThat(matches(search("Observation?code=GLU"))).hasSize(3);
    }

    @Test
    void lastUpdatedComparesWithTheStoredTimeOfTheCurrentVersion() {
        assertThat(matches(search("Observation?_lastUpdated=gt" + betweenBatches))).containsExactly("Observation/s-o5");
        assertThat(matches(search("Observation?_lastUpdated=lt" + betweenBatches))).hasSize(4).doesNotContain("Observation/s-o5");
        assertThat(matches(search("Observation?_lastUpdated=ge2000-01-01&_lastUpdated=le2000-12-31"))).isEmpty();
    }

    @Test
    void sortsByDateLastUpdatedAndIdBothWays() {
        assertThat(matches(search("Observation?_sort=date")))
                .containsExactly("Observation/s-o3", "Observation/s-o5", "Observation/s-o4", "Observation/s-o1", "Observation/s-o2");
        assertThat(matches(search("Observation?_sort=-date")))
                .containsExactly("Observation/s-o2", "Observation/s-o1", "Observation/s-o4", "Observation/s-o5", "Observation/s-o3");
        assertThat(matches(search("Observation?_sort=-_id")))
                .containsExactly("Observation/s-o5", "Observation/s-o4", "Observation/s-o3", "Observation/s-o2", "Observation/s-o1");
        assertThat(matches(search("Observation?_sort=-_lastUpdated")).getFirst()).isEqualTo("Observation/s-o5");
        assertThat(matches(search("Observation?_sort=_lastUpdated,-_id")).getLast()).isEqualTo("Observation/s-o5");
    }

    @Test
    void resourcesWithoutTheSortDateComeLastEitherWay() {
        assertThat(matches(search("Condition?_sort=onset-date"))).containsExactly("Condition/s-c2", "Condition/s-c1");
        assertThat(matches(search("Condition?_sort=-onset-date"))).containsExactly("Condition/s-c2", "Condition/s-c1");
        Bundle first = search("Condition?_sort=-onset-date&_count=1");
        assertThat(matches(client.loadPage().next(first).execute())).containsExactly("Condition/s-c1");
    }

    @Test
    void pagesOfASortedSearchAreStableAcrossNextAndPreviousLinks() {
        Bundle first = search("Observation?_sort=-date&_count=2");
        Bundle second = client.loadPage().next(first).execute();
        Bundle third = client.loadPage().next(second).execute();
        Bundle backToSecond = client.loadPage().previous(third).execute();

        assertThat(first.getTotal()).isEqualTo(5);
        assertThat(first.getLink(Bundle.LINK_PREV)).isNull();
        assertThat(third.getLink(Bundle.LINK_NEXT)).isNull();
        List<String> paged = new ArrayList<>();
        List.of(first, second, third).forEach(page -> paged.addAll(matches(page)));
        assertThat(paged).isEqualTo(matches(search("Observation?_sort=-date")));
        assertThat(matches(backToSecond)).isEqualTo(matches(second));
    }

    @Test
    void summaryCountReturnsTheTotalWithoutEntries() {
        Bundle count = client.search().forResource(Observation.class).where(Observation.CODE.exactly().code("GLU"))
                .summaryMode(SummaryEnum.COUNT).returnBundle(Bundle.class).execute();

        assertThat(count.getTotal()).isEqualTo(3);
        assertThat(count.getEntry()).isEmpty();
    }

    @Test
    void elementsReturnsOnlyTheAskedElementsMarkedSubsetted() {
        Bundle subset = client.search().forResource(Observation.class).where(Observation.RES_ID.exactly().code("s-o1"))
                .elementsSubset("code").returnBundle(Bundle.class).execute();

        Observation observation = (Observation) subset.getEntryFirstRep().getResource();
        assertThat(observation.getCode().getCodingFirstRep().getCode()).isEqualTo("GLU");
        assertThat(observation.hasSubject()).isFalse();
        assertThat(observation.hasValue()).isFalse();
        assertThat(observation.getMeta().getTag()).extracting(tag -> tag.getCode()).contains("SUBSETTED");
    }

    @Test
    void chainedParametersSearchThePatientsIdentifierAndName() {
        assertThat(matches(search("Observation?subject:Patient.identifier=" + MRN + "|MRN-2")))
                .containsExactly("Observation/s-o4", "Observation/s-o5");
        assertThat(matches(search("Observation?patient.identifier=MRN-1&code=GLU")))
                .containsExactly("Observation/s-o1", "Observation/s-o3");
        assertThat(matches(search("Observation?subject:Patient.name=李"))).containsExactly("Observation/s-o4", "Observation/s-o5");
        assertThat(matches(search("Encounter?patient.family=王"))).containsExactly("Encounter/s-e1");
        assertThat(matches(search("Observation?patient.identifier=MRN-1,MRN-2&code=WBC"))).containsExactly("Observation/s-o5");
        assertThat(matches(search("Observation?patient.identifier=MRN-404"))).isEmpty();
    }

    @Test
    void includesFollowReferencesOfThePageAndAreMarkedInclude() {
        Bundle withPatient = search("Observation?_id=s-o1&_include=Observation:patient");
        Bundle withResults = search("DiagnosticReport?_id=s-r1&_include=DiagnosticReport:result&_include=DiagnosticReport:subject");

        assertThat(withPatient.getTotal()).isEqualTo(1);
        assertThat(matches(withPatient)).containsExactly("Observation/s-o1");
        assertThat(included(withPatient)).containsExactly("Patient/s-p1");
        assertThat(matches(withResults)).containsExactly("DiagnosticReport/s-r1");
        assertThat(included(withResults)).containsExactlyInAnyOrder("Observation/s-o1", "Observation/s-o2", "Patient/s-p1");
    }

    @Test
    void revincludesFindTheResourcesPointingAtThePage() {
        Bundle observationWithReport = search("Observation?_id=s-o2&_revinclude=DiagnosticReport:result");
        Bundle patientWithObservations = search("Patient?_id=s-p2&_revinclude=Observation:subject");
        Bundle patientWithProvenance = search("Patient?_id=s-p1&_revinclude=Provenance:target&_revinclude=Consent:patient");

        assertThat(included(observationWithReport)).containsExactly("DiagnosticReport/s-r1");
        assertThat(matches(patientWithObservations)).containsExactly("Patient/s-p2");
        assertThat(included(patientWithObservations)).containsExactlyInAnyOrder("Observation/s-o4", "Observation/s-o5");
        assertThat(included(patientWithProvenance)).containsExactlyInAnyOrder("Provenance/s-prov1", "Consent/s-cons1");
    }

    @Test
    void includedResourcesAreLoadedPerPage() {
        Bundle first = search("Observation?_sort=_id&_count=3&_include=Observation:patient");
        Bundle second = client.loadPage().next(first).execute();

        assertThat(first.getTotal()).isEqualTo(5);
        assertThat(matches(first)).containsExactly("Observation/s-o1", "Observation/s-o2", "Observation/s-o3");
        assertThat(included(first)).containsExactly("Patient/s-p1");
        assertThat(matches(second)).containsExactly("Observation/s-o4", "Observation/s-o5");
        assertThat(included(second)).containsExactly("Patient/s-p2");
    }

    @Test
    void containsMatchesInsideAStringAndPlainStringSearchOnlyAtItsStart() {
        assertThat(matches(search("Patient?family:contains=yan"))).containsExactly("Patient/s-p3");
        assertThat(matches(search("Patient?family=yan"))).isEmpty();
        assertThat(matches(search("Patient?family=OUY"))).containsExactly("Patient/s-p3");
    }

    @Test
    void sortingByAParameterThatIsNotSortableIsRefused() {
        assertRefused("Observation?_sort=code", "cannot sort Observation by 'code'");
    }

    @Test
    void unsupportedChainsAreRefused() {
        assertRefused("Observation?subject.birthdate=1980", "subject.birthdate");
        assertRefused("Observation?encounter.identifier=V-1", "encounter.identifier");
    }

    @Test
    void includesNotOfferedAreRefused() {
        assertRefused("Observation?_include=Observation:code", "Observation:code");
        assertRefused("Observation?_revinclude=Condition:subject", "Condition:subject");
        assertRefused("Observation?_include:iterate=Observation:patient", "iterate");
        assertRefused("Patient?_include=*", "_include");
    }

    @Test
    void unknownParametersAndModifiersAreRefused() {
        assertRefused("Observation?_has:DiagnosticReport:result:status=final", "_has");
        assertRefused("Observation?_text=glucose", "_text");
        assertRefused("Patient?family:exact=Ouyang", ":exact");
        assertRefused("Observation?code:text=glucose", "code");
        assertRefused("Observation?_id:not=s-o1", ":not");
        assertRefused("Observation?colour=red", "colour");
        assertRefused("Observation?date=2026-10-01,2026-10-03", "OR");
    }

    /** The resources the CapabilityStatement says can be searched (HAPI adds OperationDefinition for its own operations). */
    private static List<CapabilityStatementRestResourceComponent> searchable(CapabilityStatement capabilities) {
        return capabilities.getRestFirstRep().getResource().stream()
                .filter(resource -> resource.getInteraction().stream()
                        .anyMatch(interaction -> interaction.getCode() == CapabilityStatement.TypeRestfulInteraction.SEARCHTYPE))
                .toList();
    }

    private static void assertRefused(String query, String messagePart) {
        assertThatThrownBy(() -> search(query)).as(query)
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(400);
                    assertThat(e.getResponseBody()).contains("OperationOutcome").contains(messagePart);
                });
    }

    private static Set<String> indexedReferences(String resourceType) {
        return IndexedParameters.forType(resourceType).stream()
                .filter(parameter -> parameter.type() == ca.uhn.fhir.rest.api.RestSearchParameterTypeEnum.REFERENCE)
                .map(IndexedParameter::name).collect(Collectors.toSet());
    }

    private static Bundle search(String query) {
        return client.search().byUrl(query).returnBundle(Bundle.class).execute();
    }

    private static List<String> matches(Bundle bundle) {
        return entries(bundle, SearchEntryMode.MATCH);
    }

    private static List<String> included(Bundle bundle) {
        return entries(bundle, SearchEntryMode.INCLUDE);
    }

    private static List<String> entries(Bundle bundle, SearchEntryMode mode) {
        return bundle.getEntry().stream().filter(entry -> entry.getSearch().getMode() == mode)
                .map(entry -> entry.getResource().getIdElement().toUnqualifiedVersionless().getValue()).toList();
    }

    private static Patient patient(String id, String mrn, String family, String given, Enumerations.AdministrativeGender gender) {
        Patient patient = new Patient();
        patient.setId(id);
        patient.addIdentifier().setSystem(MRN).setValue(mrn);
        patient.addName().setFamily(family).addGiven(given);
        patient.setGender(gender);
        return patient;
    }

    private static Observation observation(String id, String patient, String code, String effective) {
        Observation observation = new Observation();
        observation.setId(id);
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.getCode().addCoding().setSystem(LAB).setCode(code);
        observation.getSubject().setReference("Patient/" + patient);
        observation.setEffective(new DateTimeType(effective));
        observation.setValue(new Quantity().setValue(5.0).setSystem("http://unitsofmeasure.org").setCode("mmol/L"));
        return observation;
    }

    private static DiagnosticReport report() {
        DiagnosticReport report = new DiagnosticReport();
        report.setId("s-r1");
        report.setStatus(DiagnosticReport.DiagnosticReportStatus.FINAL);
        report.getCode().addCoding().setSystem(LAB).setCode("PANEL");
        report.getSubject().setReference("Patient/s-p1");
        report.setEffective(new DateTimeType("2026-10-03T10:00:00+08:00"));
        report.addResult().setReference("Observation/s-o1");
        report.addResult().setReference("Observation/s-o2");
        return report;
    }

    private static Condition condition() {
        Condition condition = new Condition();
        condition.setId("s-c1");
        condition.getClinicalStatus().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/condition-clinical")
                .setCode("active");
        condition.getCode().addCoding().setSystem("urn:rhix:test:icd10").setCode("E11.9");
        condition.getSubject().setReference("Patient/s-p1");
        return condition;
    }

    private static Condition conditionWithOnset() {
        Condition condition = condition();
        condition.setId("s-c2");
        condition.getSubject().setReference("Patient/s-p2");
        condition.setOnset(new DateTimeType("2026-05-01"));
        return condition;
    }

    private static Procedure procedure() {
        Procedure procedure = new Procedure();
        procedure.setId("s-pr1");
        procedure.setStatus(Procedure.ProcedureStatus.COMPLETED);
        procedure.getCode().addCoding().setSystem("urn:rhix:test:proc").setCode("P-1");
        procedure.getSubject().setReference("Patient/s-p1");
        procedure.setPerformed(new DateTimeType("2026-10-02"));
        return procedure;
    }

    private static MedicationRequest medicationRequest() {
        MedicationRequest request = new MedicationRequest();
        request.setId("s-mr1");
        request.setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE);
        request.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
        request.setMedication(new CodeableConcept().addCoding(new org.hl7.fhir.r4.model.Coding("urn:rhix:test:drug", "R-MET", null)));
        request.getSubject().setReference("Patient/s-p1");
        request.setAuthoredOnElement(new DateTimeType("2026-10-01"));
        return request;
    }

    private static AllergyIntolerance allergy() {
        AllergyIntolerance allergy = new AllergyIntolerance();
        allergy.setId("s-ai1");
        allergy.getPatient().setReference("Patient/s-p1");
        allergy.getCode().addCoding().setSystem("urn:rhix:test:allergen").setCode("PEN");
        // R4 ait-1: a clinical status unless the record was entered in error.
        allergy.getClinicalStatus().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical")
                .setCode("active");
        return allergy;
    }

    private static DocumentReference document() {
        DocumentReference document = new DocumentReference();
        document.setId("s-doc1");
        document.setStatus(Enumerations.DocumentReferenceStatus.CURRENT);
        document.getSubject().setReference("Patient/s-p1");
        document.addContent().getAttachment().setContentType("text/plain").setData("bm90ZQ==".getBytes(StandardCharsets.US_ASCII));
        return document;
    }

    private static ImagingStudy imagingStudy() {
        ImagingStudy study = new ImagingStudy();
        study.setId("s-is1");
        study.setStatus(ImagingStudy.ImagingStudyStatus.AVAILABLE);
        study.getSubject().setReference("Patient/s-p1");
        study.addModality().setSystem("http://dicom.nema.org/resources/ontology/DCM").setCode("CT");
        return study;
    }

    private static Provenance provenance() {
        Provenance provenance = new Provenance();
        provenance.setId("s-prov1");
        provenance.addTarget(new Reference("DiagnosticReport/s-r1"));
        provenance.addTarget(new Reference("Patient/s-p1"));
        provenance.setRecorded(java.util.Date.from(Instant.parse("2026-10-03T02:00:00Z")));
        provenance.addAgent().setWho(new Reference("Practitioner/s-dr1"));
        return provenance;
    }

    private static Consent consent() {
        Consent consent = new Consent();
        consent.setId("s-cons1");
        consent.setStatus(Consent.ConsentState.ACTIVE);
        consent.getScope().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/consentscope").setCode("patient-privacy");
        consent.addCategory().addCoding().setSystem("http://loinc.org").setCode("59284-0");
        consent.getPatient().setReference("Patient/s-p1");
        consent.getPolicyRule().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/v3-ActCode").setCode("OPTIN");
        consent.getProvision().addAction().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/consentaction")
                .setCode("access");
        return consent;
    }

    private static void ingest(Resource... resources) {
        StringBuilder ndjson = new StringBuilder();
        for (Resource resource : resources) {
            ndjson.append(FHIR.newJsonParser().encodeResourceToString(resource)).append('\n');
        }
        var result = node.getBean(IngestionService.class).ingest(new IngestRequest(HOSPITAL, "HIS", PayloadFormat.NDJSON,
                ndjson.toString().getBytes(StandardCharsets.UTF_8), true));
        assertThat(result.report().status()).as(result.problems().toString()).isEqualTo(BatchStatus.ACCEPTED);
    }
}
