package rhix.node.store;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.zaxxer.hikari.HikariDataSource;
import io.micronaut.context.ApplicationContext;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.Map;
import org.hl7.fhir.r4.model.Organization;
import org.junit.jupiter.api.Test;
import rhix.node.ingest.BatchStatus;
import rhix.node.ingest.IngestRequest;
import rhix.node.ingest.IngestResult;
import rhix.node.ingest.IngestionService;
import rhix.node.ingest.PayloadFormat;

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
        }
    }
}
