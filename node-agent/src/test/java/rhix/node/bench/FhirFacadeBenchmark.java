package rhix.node.bench;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import io.micronaut.context.ApplicationContext;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rhix.bench.BenchmarkReport;
import rhix.bench.BenchmarkResult;
import rhix.fhir.facade.security.TokenRequest;
import rhix.node.fhir.FhirFacade;
import rhix.node.fhir.TestTokens;
import rhix.node.store.ResourceKey;
import rhix.node.store.ResourceStore;
import rhix.node.store.ResourceWrite;
import rhix.node.store.search.SearchIndexer;
import rhix.testing.TestDatabase;

/**
 * The FHIR facade on a node holding 1,000,000 Observations (50,000 patients × 20) on PostgreSQL:
 * Patient read latency and throughput, and an Observation search by patient + code + date range,
 * each against the same question asked as direct SQL on the store in the same run. Data is written
 * through the store's own write path and indexer (not through ingestion, which has its own benchmark).
 * Security is on: every request carries an ES256 bearer token, verified and authorized per request.
 * Run: {@code ./mvnw -pl node-agent -am verify -Pbench -Dtest=FhirFacadeBenchmark} (size: -Drhix.bench.patients=N).
 */
@Tag("benchmark")
class FhirFacadeBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(FhirFacadeBenchmark.class);
    private static final int PATIENTS = Integer.getInteger("rhix.bench.patients", 50_000);
    private static final int OBSERVATIONS_PER_PATIENT = 20;
    private static final String[] CODES = {"GLU", "HGB", "WBC", "PLT", "ALT", "AST", "CREA", "TC", "HBA1C", "K"};
    private static final String LAB = "http://rhix.org.cn/fhir/CodeSystem/hospital/H330102001/lab";
    private static final int SAMPLES = Integer.getInteger("rhix.bench.samples", 3_000);
    private static final int THROUGHPUT_CLIENTS = 4;
    private static final String BEARER = "Bearer " + TestTokens.token(TokenRequest.of("bench-client", "user/*.rs", "HOPERAT")
            .validBetween(Instant.now(), Instant.now().plus(java.time.Duration.ofHours(12))));

    @Test
    void readAndSearchAgainstDirectSql() throws Exception {
        try (TestDatabase database = TestDatabase.create("bench_fhir");
             ApplicationContext node = ApplicationContext.run(securedNodeProperties(database))) {
            DataSource store = node.getBean(DataSource.class);
            load(node, store);
            String base = node.getBean(FhirFacade.class).baseUrl();
            KeepAliveHttpClient http = new KeepAliveHttpClient(URI.create(base), BEARER);
            String path = URI.create(base).getPath();
            SplittableRandom random = new SplittableRandom(7);

            warmUp(http, path, store, random);
            List<Double> readHttp = new ArrayList<>();
            List<Double> readSql = new ArrayList<>();
            List<Double> searchHttp = new ArrayList<>();
            List<Double> searchSql = new ArrayList<>();
            for (int i = 0; i < SAMPLES; i++) {
                String patient = "p" + random.nextInt(PATIENTS);
                readHttp.add(timeMillis(() -> http.get(path + "/Patient/" + patient)));
                readSql.add(timeMillis(() -> readSql(store, patient)));
                String code = CODES[random.nextInt(CODES.length)];
                searchHttp.add(timeMillis(() -> http.get(path + "/Observation?patient=" + patient + "&code=" + LAB + "%7C" + code
                        + "&date=ge2024-01-01&date=le2025-12-31")));
                searchSql.add(timeMillis(() -> searchSql(store, patient, code)));
            }
            double readsPerSecond = throughput(base, THROUGHPUT_CLIENTS, 10);
            double sqlReadsPerSecond = sqlThroughput(store, THROUGHPUT_CLIENTS, 10);

            String notes = PATIENTS * OBSERVATIONS_PER_PATIENT + " Observations, " + PATIENTS + " Patients on PostgreSQL, "
                    + SAMPLES + " sequential samples each; HTTP/1.1 keep-alive on loopback (KeepAliveHttpClient)";
            List<BenchmarkResult> results = List.of(
                    result("fhir.patient_read.p50", percentile(readHttp, 50), "ms", "direct_sql.patient_read.p50",
                            percentile(readSql, 50), readHttp, readSql, notes),
                    result("fhir.patient_read.p95", percentile(readHttp, 95), "ms", "direct_sql.patient_read.p95",
                            percentile(readSql, 95), readHttp, readSql, notes),
                    new BenchmarkResult("fhir.patient_read.throughput", readsPerSecond, "reads/s",
                            "direct_sql.patient_read.throughput", sqlReadsPerSecond, List.of(readsPerSecond),
                            List.of(sqlReadsPerSecond), THROUGHPUT_CLIENTS + " client threads for 10 s; " + notes),
                    result("fhir.observation_search.p50", percentile(searchHttp, 50), "ms", "direct_sql.observation_search.p50",
                            percentile(searchSql, 50), searchHttp, searchSql, notes),
                    result("fhir.observation_search.p95", percentile(searchHttp, 95), "ms", "direct_sql.observation_search.p95",
                            percentile(searchSql, 95), searchHttp, searchSql, notes));
            BenchmarkReport.write("fhir-facade", results);
            results.forEach(r -> LOG.info("{} = {} {} (baseline {} = {}, ratio {})", r.name(), r.value(), r.unit(),
                    r.baselineName(), r.baselineValue(), r.ratio()));
            assertThat(readsPerSecond).isPositive();
        }
    }

    private static BenchmarkResult result(String name, double value, String unit, String baselineName, double baseline,
                                          List<Double> samples, List<Double> baselineSamples, String notes) {
        // The per-sample lists are long; the file keeps the figures, not every sample.
        return new BenchmarkResult(name, value, unit, baselineName, baseline, List.of(), List.of(), notes);
    }

    private static void load(ApplicationContext node, DataSource store) throws Exception {
        FhirContext fhir = node.getBean(FhirContext.class);
        IParser parser = fhir.newJsonParser();
        SearchIndexer indexer = new SearchIndexer(fhir);
        ResourceStore resources = node.getBean(ResourceStore.class);
        SplittableRandom random = new SplittableRandom(42);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        long started = System.nanoTime();
        List<ResourceWrite> batch = new ArrayList<>();
        for (int p = 0; p < PATIENTS; p++) {
            Patient patient = new Patient();
            patient.setId("p" + p);
            patient.addIdentifier().setSystem("http://rhix.org.cn/fhir/sid/hospital/H330102001/patient").setValue("MRN" + p);
            patient.addName().setFamily("王").addGiven("芳" + p);
            batch.add(write(patient, parser, indexer, now));
            for (int o = 0; o < OBSERVATIONS_PER_PATIENT; o++) {
                Observation observation = new Observation();
                observation.setId("o" + p + "-" + o);
                observation.setStatus(Observation.ObservationStatus.FINAL);
                observation.getCode().addCoding().setSystem(LAB).setCode(CODES[random.nextInt(CODES.length)]);
                observation.getSubject().setReference("Patient/p" + p);
                observation.setEffective(new DateTimeType(java.util.Date.from(
                        Instant.parse("2023-01-01T00:00:00Z").plusSeconds(random.nextLong(3L * 365 * 86400)))));
                observation.setValue(new Quantity().setValue(random.nextInt(200) / 10.0).setSystem("http://unitsofmeasure.org")
                        .setCode("mmol/L"));
                batch.add(write(observation, parser, indexer, now));
            }
            if (batch.size() >= 5_000) {
                flush(store, resources, batch);
            }
        }
        flush(store, resources, batch);
        try (Connection connection = store.getConnection(); var statement = connection.createStatement()) {
            statement.execute("ANALYZE");
        }
        LOG.info("loaded {} patients and {} observations in {} s", PATIENTS, PATIENTS * OBSERVATIONS_PER_PATIENT,
                (System.nanoTime() - started) / 1_000_000_000);
    }

    private static ResourceWrite write(Resource resource, IParser parser, SearchIndexer indexer, OffsetDateTime now)
            throws Exception {
        String json = parser.encodeResourceToString(resource);
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8)));
        return new ResourceWrite(new ResourceKey(resource.fhirType(), resource.getIdPart()), 1, now, hash, json, "BENCH", null,
                false, indexer.index(resource));
    }

    private static void flush(DataSource store, ResourceStore resources, List<ResourceWrite> batch) throws Exception {
        try (Connection connection = store.getConnection()) {
            connection.setAutoCommit(false);
            resources.write(connection, batch);
            connection.commit();
        }
        batch.clear();
    }

    private static void warmUp(KeepAliveHttpClient http, String path, DataSource store, SplittableRandom random) throws Exception {
        for (int i = 0; i < Math.min(2_000, SAMPLES); i++) {
            String patient = "p" + random.nextInt(PATIENTS);
            http.get(path + "/Patient/" + patient);
            http.get(path + "/Observation?patient=" + patient + "&code=" + LAB + "%7CGLU&date=ge2024-01-01&date=le2025-12-31");
            readSql(store, patient);
            searchSql(store, patient, "GLU");
        }
    }

    private static Map<String, Object> securedNodeProperties(TestDatabase database) {
        Map<String, Object> properties = new HashMap<>(TestTokens.securedNodeProperties());
        properties.putAll(Map.of("rhix.node.store.url", database.jdbcUrl(),
                "rhix.node.id", "county-330102", "rhix.node.level", "COUNTY", "rhix.node.division-code", "330102",
                "rhix.node.store.maximum-pool-size", 12));
        return properties;
    }


    private static int readSql(DataSource store, String patient) throws Exception {
        try (Connection connection = store.getConnection(); PreparedStatement select = connection.prepareStatement(
                "SELECT version_id, last_updated, content FROM fhir_resource WHERE resource_type = 'Patient' AND resource_id = ?")) {
            select.setString(1, patient);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getString(3).length();
            }
        }
    }

    /** The same question as the FHIR search, written by hand against the index tables. */
    private static int searchSql(DataSource store, String patient, String code) throws Exception {
        try (Connection connection = store.getConnection(); PreparedStatement select = connection.prepareStatement(
                "SELECT r.content FROM fhir_resource r"
                        + " JOIN fhir_search_reference ref ON ref.resource_type = r.resource_type AND ref.resource_id = r.resource_id"
                        + " JOIN fhir_search_token tok ON tok.resource_type = r.resource_type AND tok.resource_id = r.resource_id"
                        + " JOIN fhir_search_date d ON d.resource_type = r.resource_type AND d.resource_id = r.resource_id"
                        + " WHERE r.resource_type = 'Observation' AND ref.param_name = 'patient' AND ref.target_id = ?"
                        + " AND tok.param_name = 'code' AND tok.token_code = ? AND tok.token_system = ?"
                        + " AND d.param_name = 'date' AND d.range_high >= ? AND d.range_low <= ? ORDER BY r.resource_id")) {
            select.setString(1, patient);
            select.setString(2, code);
            select.setString(3, LAB);
            select.setObject(4, OffsetDateTime.parse("2024-01-01T00:00:00Z"));
            select.setObject(5, OffsetDateTime.parse("2025-12-31T23:59:59.999Z"));
            int length = 0;
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    length += rows.getString(1).length();
                }
            }
            return length;
        }
    }

    private static double throughput(String base, int clients, int seconds) throws Exception {
        URI uri = URI.create(base);
        return parallel(clients, seconds, random -> {
            try {
                KeepAliveHttpClient http = new KeepAliveHttpClient(uri, BEARER);
                return () -> http.get(uri.getPath() + "/Patient/p" + random.nextInt(PATIENTS));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private static double sqlThroughput(DataSource store, int clients, int seconds) throws Exception {
        return parallel(clients, seconds, random -> () -> readSql(store, "p" + random.nextInt(PATIENTS)));
    }

    @FunctionalInterface
    private interface Call {
        int run() throws Exception;
    }

    private static double parallel(int clients, int seconds, java.util.function.Function<SplittableRandom, Call> calls)
            throws Exception {
        AtomicLong done = new AtomicLong();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                Call call = calls.apply(new SplittableRandom(c));
                futures.add(pool.submit(() -> {
                    while (System.nanoTime() < deadline) {
                        call.run();
                        done.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return done.get() / (double) seconds;
    }

    private static double timeMillis(Call call) throws Exception {
        long started = System.nanoTime();
        call.run();
        return (System.nanoTime() - started) / 1e6;
    }

    private static double percentile(List<Double> values, int percentile) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1));
    }
}
