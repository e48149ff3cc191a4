package rhix.node.bench;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import io.micronaut.context.ApplicationContext;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import rhix.bench.BenchmarkReport;
import rhix.bench.BenchmarkResult;
import rhix.node.ingest.BatchStatus;
import rhix.node.ingest.IngestRequest;
import rhix.node.ingest.IngestResult;
import rhix.node.ingest.IngestionService;
import rhix.node.ingest.PayloadFormat;
import rhix.synthetic.InMemoryRegionSink;
import rhix.synthetic.RegionSpec;
import rhix.synthetic.SyntheticRegion;
import rhix.testing.TestDatabase;

/**
 * Ingest throughput into one node on PostgreSQL, about 100,000 resources of the synthetic region,
 * against the in-run baseline: a plain JDBC batch insert of exactly the rows ingestion wrote
 * (resources, history, search index, identities) into an empty store. The ratio is what parsing,
 * checking, indexing and quality rules cost on top of the raw writes. Goal: at least 0.5.
 * Run: {@code ./mvnw -pl node-agent -am verify -Pbench} (size with -Drhix.bench.persons=N).
 */
@Tag("benchmark")
class IngestBenchmark {

    private static final int PERSONS = Integer.getInteger("rhix.bench.persons", 6_400);
    private static final int REPETITIONS = Integer.getInteger("rhix.bench.repetitions", 3);
    private static final List<String> WRITTEN_TABLES = List.of("fhir_resource", "fhir_resource_history", "fhir_search_token",
            "fhir_search_reference", "fhir_search_date", "fhir_search_string", "local_patient_identity");

    @Test
    void ingestThroughputAgainstRawJdbcInserts() throws Exception {
        List<byte[]> batches = hospitalBatches();
        int resources = batches.stream().mapToInt(IngestBenchmark::lines).sum();
        List<Double> ingest = new ArrayList<>();
        List<Double> raw = new ArrayList<>();
        for (int run = 0; run < REPETITIONS; run++) {
            try (TestDatabase ingestStore = TestDatabase.create("bench_ingest");
                 TestDatabase rawStore = TestDatabase.create("bench_raw");
                 ApplicationContext node = nodeOn(ingestStore);
                 ApplicationContext rawNode = nodeOn(rawStore)) {
                IngestionService ingestion = node.getBean(IngestionService.class);
                long started = System.nanoTime();
                for (byte[] batch : batches) {
                    IngestResult result = ingestion.ingest(new IngestRequest("BENCH", "HIS", PayloadFormat.NDJSON, batch, true));
                    assertThat(result.report().status()).isEqualTo(BatchStatus.ACCEPTED);
                }
                ingest.add(resources / seconds(started));

                Map<String, List<Object[]>> rows = readRows(node.getBean(DataSource.class));
                started = System.nanoTime();
                insertRows(rawNode.getBean(DataSource.class), rows, batches.size());
                raw.add(resources / seconds(started));
            }
        }
        BenchmarkResult result = new BenchmarkResult("ingest.postgres.resources_per_second", BenchmarkResult.median(ingest),
                "resources/s", "raw_jdbc_batch_insert_of_same_rows.resources_per_second", BenchmarkResult.median(raw),
                ingest, raw, resources + " resources in " + batches.size() + " atomic NDJSON batches (one per hospital),"
                + " median of " + REPETITIONS + " runs, each on fresh PostgreSQL databases; the first run includes JIT warm-up");
        BenchmarkReport.write("ingest", List.of(result));
        assertThat(resources).isGreaterThan(PERSONS * 10);
    }

    private static ApplicationContext nodeOn(TestDatabase database) {
        return ApplicationContext.run(Map.of("rhix.node.store.url", database.jdbcUrl(), "rhix.node.grpc.port", 0,
                "rhix.node.id", "county-330102", "rhix.node.level", "COUNTY", "rhix.node.division-code", "330102"));
    }

    /** One NDJSON batch per hospital, all into one node (resource ids are unique across hospitals). */
    private static List<byte[]> hospitalBatches() throws Exception {
        InMemoryRegionSink region = new InMemoryRegionSink();
        new SyntheticRegion(RegionSpec.of(PERSONS)).generate(region);
        IParser parser = FhirContext.forR4Cached().newJsonParser();
        List<byte[]> batches = new ArrayList<>();
        for (List<Resource> resources : region.resourcesByHospital().values()) {
            StringBuilder ndjson = new StringBuilder();
            for (Resource resource : resources) {
                ndjson.append(parser.encodeResourceToString(resource)).append('\n');
            }
            batches.add(ndjson.toString().getBytes(StandardCharsets.UTF_8));
        }
        return batches;
    }

    private static Map<String, List<Object[]>> readRows(DataSource store) throws SQLException {
        Map<String, List<Object[]>> rows = new LinkedHashMap<>();
        try (Connection connection = store.getConnection()) {
            for (String table : WRITTEN_TABLES) {
                List<Object[]> tableRows = new ArrayList<>();
                try (PreparedStatement select = connection.prepareStatement("SELECT * FROM " + table);
                     ResultSet result = select.executeQuery()) {
                    int columns = result.getMetaData().getColumnCount();
                    while (result.next()) {
                        Object[] row = new Object[columns];
                        for (int i = 0; i < columns; i++) {
                            row[i] = result.getObject(i + 1);
                        }
                        tableRows.add(row);
                    }
                }
                rows.put(table, tableRows);
            }
        }
        return rows;
    }

    /** The same rows, in as many transactions as ingestion used, 1,000 rows a JDBC batch. */
    private static void insertRows(DataSource store, Map<String, List<Object[]>> rows, int transactions) throws SQLException {
        try (Connection connection = store.getConnection()) {
            connection.setAutoCommit(false);
            for (int part = 0; part < transactions; part++) {
                for (var table : rows.entrySet()) {
                    List<Object[]> tableRows = table.getValue();
                    int from = tableRows.size() * part / transactions;
                    int to = tableRows.size() * (part + 1) / transactions;
                    if (from == to) {
                        continue;
                    }
                    int columns = tableRows.getFirst().length;
                    String placeholders = String.join(", ", java.util.Collections.nCopies(columns, "?"));
                    try (PreparedStatement insert = connection.prepareStatement(
                            "INSERT INTO " + table.getKey() + " VALUES (" + placeholders + ")")) {
                        for (int r = from; r < to; r++) {
                            for (int c = 0; c < columns; c++) {
                                insert.setObject(c + 1, tableRows.get(r)[c]);
                            }
                            insert.addBatch();
                            if ((r - from + 1) % 1000 == 0) {
                                insert.executeBatch();
                            }
                        }
                        insert.executeBatch();
                    }
                }
                connection.commit();
            }
        }
    }

    private static int lines(byte[] ndjson) {
        int lines = 0;
        for (byte b : ndjson) {
            if (b == '\n') {
                lines++;
            }
        }
        return lines;
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
