package rhix.node.store;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.zaxxer.hikari.HikariDataSource;
import io.micronaut.context.ApplicationContext;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.Map;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import rhix.node.ingest.BatchStatus;
import rhix.node.ingest.IngestRequest;
import rhix.node.ingest.IngestResult;
import rhix.node.ingest.IngestionService;
import rhix.node.ingest.PayloadFormat;
import rhix.node.mpi.MpiAction;
import rhix.node.mpi.MpiDeliveryState;
import rhix.node.mpi.MpiOutbox;

/** Without a database URL the node runs on embedded H2, migrated by the same changelogs. */
class EmbeddedStoreTest {

    @Test
    void aNodeWithoutADatabaseUrlStoresIntoEmbeddedH2() throws Exception {
        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "rhix.node.id", "county-embedded-test", "rhix.node.grpc.port", 0))) {
            HikariDataSource dataSource = context.getBean(HikariDataSource.class);
            assertThat(dataSource.getJdbcUrl()).startsWith("jdbc:h2:mem:county-embedded-test");

            Organization organization = new Organization().setName("淳安县人民医院");
            organization.setId("h2-org");
            byte[] payload = FhirContext.forR4Cached().newJsonParser().encodeResourceToString(organization)
                    .getBytes(StandardCharsets.UTF_8);
            IngestResult result = context.getBean(IngestionService.class)
                    .ingest(new IngestRequest("H330127001", "HIS", PayloadFormat.NDJSON, payload, true));

            assertThat(result.report().status()).isEqualTo(BatchStatus.ACCEPTED);
            try (Connection connection = dataSource.getConnection()) {
                assertThat(context.getBean(ResourceStore.class).countsByType(connection)).containsEntry("Organization", 1L);
                assertThat(context.getBean(ResourceStore.class).read(connection, new ResourceKey("Organization", "h2-org")))
                        .hasValueSatisfying(json -> assertThat(json).contains("淳安县人民医院"));
            }

            // The MPI outbox on H2: a new patient is queued, a changed one queued again (the update path).
            IngestionService ingestion = context.getBean(IngestionService.class);
            assertThat(ingestion.ingest(patientBatch("叶青")).report().status()).isEqualTo(BatchStatus.ACCEPTED);
            assertThat(ingestion.ingest(patientBatch("叶青青")).report().updated()).isEqualTo(1);
            try (Connection connection = dataSource.getConnection()) {
                MpiOutbox outbox = context.getBean(MpiOutbox.class);
                assertThat(outbox.find(connection, "h2-p1")).hasValueSatisfying(registration -> {
                    assertThat(registration.action()).isEqualTo(MpiAction.REGISTER);
                    assertThat(registration.state()).isEqualTo(MpiDeliveryState.PENDING);
                });
                assertThat(outbox.pending(connection, 10)).singleElement()
                        .satisfies(change -> assertThat(change.identity().nameZh()).isEqualTo("叶青青"));
                assertThat(outbox.backlog(connection).pending()).isEqualTo(1);
            }
        }
    }

    private static IngestRequest patientBatch(String name) {
        Patient patient = new Patient();
        patient.setId("h2-p1");
        patient.addName().setText(name);
        byte[] payload = FhirContext.forR4Cached().newJsonParser().encodeResourceToString(patient)
                .getBytes(StandardCharsets.UTF_8);
        return new IngestRequest("H330127001", "HIS", PayloadFormat.NDJSON, payload, true);
    }
}
