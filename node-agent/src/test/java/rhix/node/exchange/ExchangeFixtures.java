package rhix.node.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.google.protobuf.Timestamp;
import io.micronaut.context.ApplicationContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Specimen;
import rhix.api.exchange.v1.Coding;
import rhix.api.exchange.v1.FetchResultsRequest;
import rhix.api.exchange.v1.Principal;
import rhix.fhir.RhixNamingSystems;
import rhix.node.ingest.BatchStatus;
import rhix.node.ingest.IngestRequest;
import rhix.node.ingest.IngestionService;
import rhix.node.ingest.PayloadFormat;
import rhix.testing.TestDatabase;

/** A provider node on its own PostgreSQL database, and the resources and requests the exchange tests use. */
final class ExchangeFixtures {

    static final FhirContext FHIR = FhirContext.forR4Cached();
    static final String HOSPITAL = "H330102002";
    static final String LAB = RhixNamingSystems.hospitalLabCodes(HOSPITAL);
    static final String LOINC = "http://loinc.org";

    private ExchangeFixtures() {
    }

    /** A county node on {@code database}, its gRPC and HTTP servers on free ports (the tests call it in-process). */
    static ApplicationContext providerNode(String nodeId, TestDatabase database, Map<String, Object> more) {
        Map<String, Object> properties = new HashMap<>(Map.of("rhix.node.store.url", database.jdbcUrl(),
                "rhix.node.id", nodeId, "rhix.node.level", "COUNTY", "rhix.node.division-code", "330102",
                "rhix.node.grpc.port", 0, "rhix.node.fhir.port", 0, "micronaut.server.port", -1));
        properties.putAll(more);
        return ApplicationContext.run(properties);
    }

    static void ingest(ApplicationContext node, Resource... resources) {
        StringBuilder ndjson = new StringBuilder();
        for (Resource resource : resources) {
            ndjson.append(FHIR.newJsonParser().encodeResourceToString(resource)).append('\n');
        }
        var result = node.getBean(IngestionService.class).ingest(new IngestRequest(HOSPITAL, "LIS", PayloadFormat.NDJSON,
                ndjson.toString().getBytes(StandardCharsets.UTF_8), true));
        assertThat(result.report().status()).as(result.problems().toString()).isEqualTo(BatchStatus.ACCEPTED);
    }

    static Patient patient(String id) {
        Patient patient = new Patient();
        patient.setId(id);
        patient.addIdentifier().setSystem(RhixNamingSystems.hospitalPatientIds(HOSPITAL)).setValue("MRN-" + id);
        patient.addName().setFamily("王").addGiven("芳");
        patient.setGender(Enumerations.AdministrativeGender.FEMALE);
        return patient;
    }

    static Observation observation(String id, String patientId, String code, String effective) {
        Observation observation = new Observation();
        observation.setId(id);
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.getCode().addCoding().setSystem(LAB).setCode(code);
        observation.getSubject().setReference("Patient/" + patientId);
        observation.setEffective(new DateTimeType(effective));
        observation.setValue(new Quantity().setValue(5.0).setSystem("http://unitsofmeasure.org").setCode("mmol/L"));
        return observation;
    }

    static Specimen serum(String id, String patientId) {
        Specimen specimen = new Specimen();
        specimen.setId(id);
        specimen.getType().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/v2-0487").setCode("SER");
        specimen.getSubject().setReference("Patient/" + patientId);
        return specimen;
    }

    static DiagnosticReport report(String id, String patientId, String code, String effective, String... resultIds) {
        DiagnosticReport report = new DiagnosticReport();
        report.setId(id);
        report.setStatus(DiagnosticReport.DiagnosticReportStatus.FINAL);
        report.getCode().addCoding().setSystem(LAB).setCode(code);
        report.getSubject().setReference("Patient/" + patientId);
        report.setEffective(new DateTimeType(effective));
        for (String resultId : resultIds) {
            report.addResult().setReference("Observation/" + resultId);
        }
        return report;
    }

    /** A valid treatment request for the patients' results of the codings. */
    static FetchResultsRequest.Builder request(java.util.List<String> patientIds, Coding... codings) {
        return FetchResultsRequest.newBuilder()
                .setExchangeId("exchange-0001")
                .setRequestingNodeId("county-330106")
                .setRequester(Principal.newBuilder().setId("D-1001").setOrganizationId("H330106001").setDisplayName("刘洋"))
                .setPurposeOfUse("TREAT")
                .addAllLocalPatientIds(patientIds)
                .addAllItemCodes(java.util.List.of(codings));
    }

    static Coding coding(String system, String code) {
        return Coding.newBuilder().setSystem(system).setCode(code).build();
    }

    static Timestamp timestamp(String isoOffsetDateTime) {
        Instant instant = OffsetDateTime.parse(isoOffsetDateTime).toInstant();
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    static Instant instant(Timestamp timestamp) {
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    }
}
