package rhix.node.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import rhix.testing.TestDatabase;

class SchemaMigrationTest {

    private static final List<String> NODE_STORE_TABLES = List.of("fhir_resource", "fhir_resource_history",
            "fhir_search_token", "fhir_search_reference", "fhir_search_date", "fhir_search_string", "ingest_batch",
            "local_patient_identity", "quality_finding", "registered_node", "mpi_registration");

    @Test
    void theChangelogsBuildTheWholeSchemaOnAnEmptyPostgresDatabaseAndRerunAsANoOp() throws SQLException {
        try (TestDatabase database = TestDatabase.create("migrate"); HikariDataSource dataSource = pool(database.jdbcUrl())) {
            SchemaMigration.migrate(dataSource);
            long applied = count(dataSource, "SELECT count(*) FROM databasechangelog");

            SchemaMigration.migrate(dataSource);

            assertThat(tables(dataSource)).containsAll(NODE_STORE_TABLES);
            assertThat(applied).isGreaterThanOrEqualTo(NODE_STORE_TABLES.size() - 4);
            assertThat(count(dataSource, "SELECT count(*) FROM databasechangelog")).as("a second run applies nothing")
                    .isEqualTo(applied);
        }
    }

    private static HikariDataSource pool(String url) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(url);
        dataSource.setUsername("postgres");
        dataSource.setMaximumPoolSize(2);
        return dataSource;
    }

    private static List<String> tables(HikariDataSource dataSource) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             ResultSet rows = connection.getMetaData().getTables(null, "public", "%", new String[] {"TABLE"})) {
            while (rows.next()) {
                tables.add(rows.getString("TABLE_NAME"));
            }
        }
        return tables;
    }

    private static long count(HikariDataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
