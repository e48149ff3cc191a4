package rhix.node.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import io.micronaut.context.ApplicationContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import rhix.node.ingest.BatchStatus;
import rhix.node.ingest.IngestRequest;
import rhix.node.ingest.IngestionService;
import rhix.node.ingest.PayloadFormat;

/**
 * The demo region may run on embedded H2 (no database URL): the search SQL, date-sort join, chains and
 * includes must work there too, not only on PostgreSQL.
 */
class FhirSearchOnEmbeddedStoreTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    @Test
    void searchFeaturesRunOnEmbeddedH2() {
        try (ApplicationContext node = ApplicationContext.run(TestTokens.secured(Map.of("rhix.node.id", "county-h2-search")))) {
            Patient patient = new Patient();
            patient.setId("h-p1");
            patient.addIdentifier().setSystem("urn:mrn").setValue("MRN-9");
            patient.addName().setFamily("Ouyang").addGiven("Na");
            DiagnosticReport report = new DiagnosticReport();
            report.setId("h-r1");
            report.setStatus(DiagnosticReport.DiagnosticReportStatus.FINAL);
            report.getCode().addCoding().setSystem("urn:lab").setCode("PANEL");
            report.getSubject().setReference("Patient/h-p1");
            report.addResult().setReference("Observation/h-o2");
            ingest(node, patient, observation("h-o1", "GLU", "2026-01-01"), observation("h-o2", "HGB", "2026-03-01"), report);
            FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
            IGenericClient client = FHIR.newRestfulGenericClient(node.getBean(FhirFacade.class).baseUrl());
            client.registerInterceptor(TestTokens.operator());

            assertThat(ids(client, "Observation?_sort=-date")).containsExactly("Observation/h-o2", "Observation/h-o1");
            assertThat(ids(client, "Observation?code=GLU,HGB&_sort=_id")).containsExactly("Observation/h-o1", "Observation/h-o2");
            assertThat(ids(client, "Observation?subject:Patient.identifier=urn:mrn|MRN-9&code=HGB")).containsExactly("Observation/h-o2");
            assertThat(ids(client, "Observation?patient.family=ouy&_sort=date")).containsExactly("Observation/h-o1", "Observation/h-o2");
            assertThat(ids(client, "Patient?family:contains=yan")).containsExactly("Patient/h-p1");
            assertThat(ids(client, "DiagnosticReport?_include=DiagnosticReport:result")).containsExactly("DiagnosticReport/h-r1", "Observation/h-o2");
            assertThat(ids(client, "Observation?_id=h-o2&_revinclude=DiagnosticReport:result"))
                    .containsExactly("Observation/h-o2", "DiagnosticReport/h-r1");
        }
    }

    private static List<String> ids(IGenericClient client, String query) {
        Bundle bundle = client.search().byUrl(query).returnBundle(Bundle.class).execute();
        return bundle.getEntry().stream().map(entry -> entry.getResource().getIdElement().toUnqualifiedVersionless().getValue()).toList();
    }

    private static Observation observation(String id, String code, String effective) {
        Observation observation = new Observation();
        observation.setId(id);
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.getCode().addCoding().setSystem("urn:lab").setCode(code);
        observation.getSubject().setReference("Patient/h-p1");
        observation.setEffective(new DateTimeType(effective));
        return observation;
    }

    private static void ingest(ApplicationContext node, Resource... resources) {
        StringBuilder ndjson = new StringBuilder();
        for (Resource resource : resources) {
            ndjson.append(FHIR.newJsonParser().encodeResourceToString(resource)).append('\n');
        }
        var result = node.getBean(IngestionService.class).ingest(new IngestRequest("H330127001", "HIS", PayloadFormat.NDJSON,
                ndjson.toString().getBytes(StandardCharsets.UTF_8), true));
        assertThat(result.report().status()).as(result.problems().toString()).isEqualTo(BatchStatus.ACCEPTED);
    }
}
