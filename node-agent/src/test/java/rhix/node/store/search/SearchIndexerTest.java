package rhix.node.store.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import ca.uhn.fhir.context.FhirContext;
import java.time.Instant;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

class SearchIndexerTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private final SearchIndexer indexer = new SearchIndexer(FHIR);

    @Test
    void theIndexedParametersAreStandardR4Parameters() {
        assertThatCode(() -> IndexedParameters.verifiedAgainst(FHIR)).doesNotThrowAnyException();
    }

    @Test
    void indexesAnObservationsCodeSubjectAndDateAtItsPrecision() {
        Observation observation = new Observation();
        observation.getCode().addCoding().setSystem("http://loinc.org").setCode("14749-6");
        observation.getSubject().setReference("Patient/p1");
        observation.getEncounter().setReference("Encounter/e1");
        observation.setEffective(new DateTimeType("2024-03"));

        SearchIndexRows rows = indexer.index(observation);

        assertThat(rows.tokens()).contains(new SearchIndexRows.Token("code", "http://loinc.org", "14749-6"));
        assertThat(rows.references()).contains(new SearchIndexRows.Reference("subject", "Patient", "p1"),
                new SearchIndexRows.Reference("patient", "Patient", "p1"),
                new SearchIndexRows.Reference("encounter", "Encounter", "e1"));
        assertThat(rows.dates()).singleElement().satisfies(date -> {
            assertThat(date.param()).isEqualTo("date");
            assertThat(date.high().minus(java.time.Duration.ofDays(30)).isAfter(date.low())).isTrue();
            assertThat(date.high()).isBefore(date.low().plus(java.time.Duration.ofDays(31)));
        });
    }

    @Test
    void aSubjectThatIsNotAPatientIsNotIndexedAsPatient() {
        Observation observation = new Observation();
        observation.getSubject().setReference("Group/g1");

        assertThat(indexer.index(observation).references())
                .containsExactly(new SearchIndexRows.Reference("subject", "Group", "g1"));
    }

    @Test
    void indexesPatientNamesNormalisedAndIdentifiersAsTokens() {
        Patient patient = new Patient();
        patient.addIdentifier().setSystem("urn:sys").setValue("MRN-1");
        patient.addName().setFamily("Zhāng").addGiven("Wěi");
        patient.setBirthDateElement(new org.hl7.fhir.r4.model.DateType("1980-05-17"));

        SearchIndexRows rows = indexer.index(patient);

        assertThat(rows.tokens()).contains(new SearchIndexRows.Token("identifier", "urn:sys", "MRN-1"));
        assertThat(rows.strings()).extracting(SearchIndexRows.Text::normalized).contains("zhang", "wei", "zhangwei");
        assertThat(rows.dates()).singleElement().satisfies(date ->
                assertThat(java.time.Duration.between(date.low(), date.high())).isEqualTo(
                        java.time.Duration.ofDays(1).minusMillis(1)));
        assertThat(rows.dates().getFirst().low()).isBefore(Instant.parse("1980-05-18T00:00:00Z"));
    }

    @Test
    void indexesProvenanceTargetsAndTheirPatientAndConsentActions() {
        org.hl7.fhir.r4.model.Provenance provenance = new org.hl7.fhir.r4.model.Provenance();
        provenance.addTarget().setReference("DiagnosticReport/r1");
        provenance.addTarget().setReference("Patient/p1");
        provenance.addAgent().getWho().setReference("Practitioner/d1");
        org.hl7.fhir.r4.model.Consent consent = new org.hl7.fhir.r4.model.Consent();
        consent.getPatient().setReference("Patient/p1");
        consent.getProvision().addAction().addCoding().setSystem("urn:action").setCode("access");

        assertThat(indexer.index(provenance).references()).containsExactlyInAnyOrder(
                new SearchIndexRows.Reference("target", "DiagnosticReport", "r1"),
                new SearchIndexRows.Reference("target", "Patient", "p1"),
                new SearchIndexRows.Reference("patient", "Patient", "p1"),
                new SearchIndexRows.Reference("agent", "Practitioner", "d1"));
        assertThat(indexer.index(consent).tokens()).contains(new SearchIndexRows.Token("action", "urn:action", "access"));
    }

    /** Sorting by a date joins its index row to the resource: that needs at most one row per resource. */
    @Test
    void everyIndexedDateParameterIsASingleElement() {
        for (String type : IndexedParameters.resourceTypes()) {
            for (IndexedParameter parameter : IndexedParameters.forType(type)) {
                if (parameter.type() != ca.uhn.fhir.rest.api.RestSearchParameterTypeEnum.DATE) {
                    continue;
                }
                assertThat(parameter.paths()).as(type + "." + parameter.name()).hasSize(1);
                var definition = FHIR.getResourceDefinition(type);
                var child = definition.getChildByName(parameter.paths().getFirst());
                if (child == null) {
                    child = definition.getChildByName(parameter.paths().getFirst() + "[x]");
                }
                assertThat(child).as(type + "." + parameter.name()).isNotNull();
                assertThat(child.getMax()).as(type + "." + parameter.name()).isEqualTo(1);
            }
        }
    }
}
