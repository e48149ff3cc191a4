package rhix.node.recognition;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Specimen;
import rhix.api.mpi.v1.LocalIdentity;
import rhix.api.mpi.v1.MasterPatientIndexServiceGrpc;
import rhix.api.mpi.v1.RegisterIdentitiesRequest;
import rhix.fhir.RhixNamingSystems;
import rhix.node.grpc.GrpcServer;
import rhix.node.ingest.BatchStatus;
import rhix.node.ingest.IngestRequest;
import rhix.node.ingest.IngestionService;
import rhix.node.ingest.PayloadFormat;
import rhix.node.mpi.MpiOutbox;
import rhix.node.mpi.MpiRegistration;
import rhix.testing.TestDatabase;

/** Nodes, data and waiting for the mutual-recognition tests: hospitals' resources, their lab codes and the map to LOINC. */
final class RecognitionRegion {

    static final FhirContext FHIR = FhirContext.forR4Cached();
    static final String PROVIDER_HOSPITAL = "H330102002";
    static final String REQUESTER_HOSPITAL = "H330106001";
    static final String LAB = RhixNamingSystems.hospitalLabCodes(PROVIDER_HOSPITAL);
    /** The provider's glucose code (maps to LOINC 2345-7) and one its ConceptMap leaves unmapped. */
    static final String GLUCOSE = "GLU-01";
    static final String UNMAPPED = "LAB-999";

    private RecognitionRegion() {
    }

    static ApplicationContext node(String nodeId, String division, TestDatabase database, Map<String, Object> more) {
        Map<String, Object> properties = new HashMap<>(Map.of("rhix.node.store.url", database.jdbcUrl(),
                "rhix.node.id", nodeId, "rhix.node.level", "COUNTY", "rhix.node.division-code", division,
                "rhix.node.grpc.port", 0, "rhix.node.fhir.port", 0, "micronaut.server.port", -1,
                "rhix.node.mpi.retry-min-backoff", "50ms", "rhix.node.mpi.retry-max-backoff", "200ms"));
        properties.putAll(more);
        return ApplicationContext.run(properties);
    }

    static String grpcTarget(ApplicationContext node) {
        return node.getBean(GrpcServer.class).advertisedTarget();
    }

    static void ingest(ApplicationContext node, String hospital, Resource... resources) {
        StringBuilder ndjson = new StringBuilder();
        for (Resource resource : resources) {
            ndjson.append(FHIR.newJsonParser().encodeResourceToString(resource)).append('\n');
        }
        var result = node.getBean(IngestionService.class).ingest(new IngestRequest(hospital, "LIS", PayloadFormat.NDJSON,
                ndjson.toString().getBytes(StandardCharsets.UTF_8), true));
        assertThat(result.report().status()).as(result.problems().toString()).isEqualTo(BatchStatus.ACCEPTED);
    }

    /** Registers a record with the MPI as a node would, for a node the test does not run. */
    static void registerWithMpi(String mpiTarget, String nodeId, String localId) {
        ManagedChannel channel = NettyChannelBuilder.forTarget(mpiTarget).usePlaintext().build();
        try {
            MasterPatientIndexServiceGrpc.newBlockingStub(channel).registerIdentities(RegisterIdentitiesRequest.newBuilder()
                    .addIdentities(LocalIdentity.newBuilder().setNodeId(nodeId).setLocalId(localId)).build());
        } finally {
            channel.shutdownNow();
        }
    }

    /** Waits until the node registered the patient with the MPI and stored the enterprise id it answered. */
    static String awaitEnterpriseId(ApplicationContext node, String patientId) {
        return await("enterprise id of " + patientId, () -> {
            try (Connection connection = node.getBean(DataSource.class).getConnection()) {
                return node.getBean(MpiOutbox.class).find(connection, patientId).map(MpiRegistration::enterpriseId)
                        .filter(id -> id != null && !id.isBlank());
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    static <T> T await(String what, Supplier<Optional<T>> probe) {
        Instant until = Instant.now().plus(Duration.ofSeconds(15));
        while (Instant.now().isBefore(until)) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    static Patient patient(String id, String hospital) {
        Patient patient = new Patient();
        patient.setId(id);
        patient.addIdentifier().setSystem(RhixNamingSystems.hospitalPatientIds(hospital)).setValue("MRN-" + id);
        patient.addName().setFamily("王").addGiven("芳");
        patient.setGender(Enumerations.AdministrativeGender.FEMALE);
        return patient;
    }

    /** A serum glucose by hexokinase, which the region recognises for 7 days. */
    static Observation glucose(String id, String patientId, String code, Instant effective) {
        Observation observation = new Observation();
        observation.setId(id);
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.getCode().addCoding().setSystem(LAB).setCode(code);
        observation.getSubject().setReference("Patient/" + patientId);
        observation.setEffective(new DateTimeType(java.util.Date.from(effective)));
        observation.setValue(new Quantity().setValue(5.4).setSystem("http://unitsofmeasure.org").setCode("mmol/L"));
        observation.getMethod().addCoding().setSystem("urn:rhix:method").setCode("HEXOKINASE");
        observation.getSpecimen().setReference("Specimen/serum-" + patientId);
        return observation;
    }

    static Specimen serum(String patientId) {
        Specimen specimen = new Specimen();
        specimen.setId("serum-" + patientId);
        specimen.getType().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/v2-0487").setCode("SER");
        specimen.getSubject().setReference("Patient/" + patientId);
        return specimen;
    }

    /** The provider hospital's ConceptMap (as the generator writes them) in a directory of its own. */
    static Path conceptMaps() {
        ConceptMap map = new ConceptMap();
        map.setId("provider-lab-to-loinc");
        map.setStatus(Enumerations.PublicationStatus.ACTIVE);
        ConceptMap.ConceptMapGroupComponent group = map.addGroup().setSource(LAB).setTarget("http://loinc.org");
        group.addElement().setCode(GLUCOSE).addTarget().setCode("2345-7").setEquivalence(Enumerations.ConceptMapEquivalence.EQUIVALENT);
        try {
            Path directory = Files.createTempDirectory("conceptmaps");
            Files.writeString(directory.resolve("ConceptMap-" + PROVIDER_HOSPITAL + ".json"),
                    FHIR.newJsonParser().encodeResourceToString(map));
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
