package rhix.events.axon;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.config.Configuration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import rhix.bench.BenchmarkReport;
import rhix.bench.BenchmarkResult;
import rhix.events.store.EventStoreSchema;
import rhix.testing.TestDatabase;

/**
 * The event store's figures on real PostgreSQL ({@code ./mvnw -B -ntp -pl exchange-core -am verify -Pbench
 * -Dtest=EventStoreBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false}; replay size with
 * {@code -Drhix.bench.replay.events=N}, default 1,000,000). Each figure has a baseline measured in the same run
 * on the same database: Axon's append against a plain JDBC batch insert of rows of the same size and shape,
 * and a replay into a projection against a plain JDBC scan of the same rows. Writes
 * {@code target/bench/event-store.json}.
 */
@Tag("benchmark")
class EventStoreBenchmarkTest {

    private static final int ROUNDS = 5;
    private static final int EVENTS_PER_ROUND = 20_000;
    private static final int EVENTS_PER_TRANSACTION = 100;
    private static final int REPLAY_EVENTS = Integer.getInteger("rhix.bench.replay.events", 1_000_000);

    private static TestDatabase database;
    private static HikariDataSource dataSource;

    /** An event of the size of the platform's: an exchange's release with its ids (about 300 bytes of JSON). */
    public record BenchmarkReleaseEvent(String exchangeId, String providerNode, String requestingNode, String itemCode,
                                        int resultCount, List<String> releasedResources, Instant releasedAt) {
    }

    @BeforeAll
    static void database() throws SQLException {
        database = TestDatabase.create("eventbench");
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(database.jdbcUrl());
        dataSource.setUsername(database.user());
        EventStoreSchema.migrate(dataSource);
        execute("CREATE TABLE plain_event (LIKE domainevententry INCLUDING ALL)");
        execute("CREATE TABLE release_count (provider_node VARCHAR(64) PRIMARY KEY, releases BIGINT NOT NULL)");
    }

    @AfterAll
    static void drop() {
        dataSource.close();
        database.close();
    }

    @Test
    void appendAndReplay() throws Exception {
        List<BenchmarkResult> results = new ArrayList<>();
        results.add(append());
        results.add(replay());
        Path report = BenchmarkReport.write("event-store", results);

        assertThat(Files.readString(report)).contains("event_store.append.events_per_second", "event_store.replay.events_per_second");
        // Every stored event (the appended ones and the seeded ones) reached the projection exactly once.
        assertThat(count("SELECT sum(releases) FROM release_count")).isEqualTo(count("SELECT count(*) FROM domainevententry"));
    }

    private BenchmarkResult append() throws SQLException {
        Configuration axon = EventSourcing.start(dataSource, EventSourcingSettings.defaults(), List.of());
        List<Double> axonRates = new ArrayList<>();
        List<Double> plainRates = new ArrayList<>();
        try {
            appendThroughAxon(axon, 2_000);   // warm-up: JIT, pool, statement caches
            appendPlain(2_000);
            execute("TRUNCATE plain_event");
            for (int round = 0; round < ROUNDS; round++) {
                // Alternate which goes first, so neither always meets a warmer cache or a busier disk.
                if (round % 2 == 0) {
                    axonRates.add(appendThroughAxon(axon, EVENTS_PER_ROUND));
                    plainRates.add(appendPlain(EVENTS_PER_ROUND));
                } else {
                    plainRates.add(appendPlain(EVENTS_PER_ROUND));
                    axonRates.add(appendThroughAxon(axon, EVENTS_PER_ROUND));
                }
            }
        } finally {
            axon.shutdown();
        }
        return new BenchmarkResult("event_store.append.events_per_second", BenchmarkResult.median(axonRates), "events/s",
                "plain JDBC batch insert of the same rows into a table of the same shape", BenchmarkResult.median(plainRates),
                axonRates, plainRates,
                "PostgreSQL on this machine; " + EVENTS_PER_ROUND + " events per round in transactions of " + EVENTS_PER_TRANSACTION
                        + " through Axon's EmbeddedEventStore and JdbcEventStorageEngine (JSON serialisation included); medians of "
                        + ROUNDS + " rounds; goal ratio >= 0.5");
    }

    /** Events appended through Axon, in transactions of {@link #EVENTS_PER_TRANSACTION}; events per second. */
    private double appendThroughAxon(Configuration axon, int events) {
        TransactionManager transactions = axon.getComponent(TransactionManager.class);
        long start = System.nanoTime();
        for (int first = 0; first < events; first += EVENTS_PER_TRANSACTION) {
            UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
            unitOfWork.attachTransaction(transactions);
            int from = first;
            unitOfWork.execute(() -> {
                String exchangeId = "exchange-" + UUID.randomUUID();
                for (int sequence = 0; sequence < EVENTS_PER_TRANSACTION && from + sequence < events; sequence++) {
                    axon.eventStore().publish(new GenericDomainEventMessage<>("Exchange", exchangeId, sequence, event(exchangeId, sequence)));
                }
            });
        }
        return events / seconds(start);
    }

    /** The same rows, serialised the same way, inserted with a plain JDBC batch per transaction. */
    private double appendPlain(int events) throws SQLException {
        String sql = "INSERT INTO plain_event (eventidentifier, aggregateidentifier, sequencenumber, type, timestamp, payloadtype,"
                + " payloadrevision, payload, metadata) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
        var mapper = EventJson.objectMapper();
        long start = System.nanoTime();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(sql)) {
                for (int first = 0; first < events; first += EVENTS_PER_TRANSACTION) {
                    String exchangeId = "exchange-" + UUID.randomUUID();
                    for (int sequence = 0; sequence < EVENTS_PER_TRANSACTION && first + sequence < events; sequence++) {
                        insert.setString(1, UUID.randomUUID().toString());
                        insert.setString(2, exchangeId);
                        insert.setLong(3, sequence);
                        insert.setString(4, "Exchange");
                        insert.setString(5, Instant.now().toString());
                        insert.setString(6, BenchmarkReleaseEvent.class.getName());
                        insert.setString(7, null);
                        insert.setBytes(8, mapper.writeValueAsBytes(event(exchangeId, sequence)));
                        insert.setBytes(9, "{\"traceId\":\"00000000-0000-0000-0000-000000000000\",\"correlationId\":\"00000000-0000-0000-0000-000000000000\"}"
                                .getBytes(StandardCharsets.UTF_8));
                        insert.addBatch();
                    }
                    insert.executeBatch();
                    connection.commit();
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            } finally {
                connection.setAutoCommit(true);
            }
        }
        return events / seconds(start);
    }

    private BenchmarkResult replay() throws Exception {
        seedReplayEvents();
        long stored = count("SELECT count(*) FROM domainevententry");
        double scanRate = plainScanRate(stored);
        long start = System.nanoTime();
        Configuration axon = EventSourcing.start(dataSource, new EventSourcingSettings(1_000, 1_000, Duration.ofSeconds(60)),
                List.of(configurer -> configurer.registerEventHandler(c -> new ReleaseCounter(c.getComponent(JdbcTransactions.class)))));
        try {
            while (count("SELECT coalesce(sum(releases), 0) FROM release_count") < stored) {
                Thread.sleep(100);
            }
        } finally {
            axon.shutdown();
        }
        double replayRate = stored / seconds(start);
        return new BenchmarkResult("event_store.replay.events_per_second", replayRate, "events/s",
                "plain JDBC scan of the same rows (read only, no deserialisation)", scanRate,
                List.of(replayRate), List.of(scanRate),
                stored + " stored events replayed from the start by a new tracking processor into a projection table"
                        + " (JSON deserialisation, the handler, one upsert batch and the token per 1,000 events)");
    }

    /** The replay's events are generated by SQL: the figure is the replay, not the load. */
    private static void seedReplayEvents() throws Exception {
        String payload = new String(EventJson.objectMapper().writeValueAsBytes(event("exchange-seed", 0)), StandardCharsets.UTF_8);
        execute("INSERT INTO domainevententry (eventidentifier, aggregateidentifier, sequencenumber, type, timestamp, payloadtype,"
                + " payload, metadata) SELECT md5(g::text || 'e'), 'replay-' || (g / 100), g % 100, 'Exchange', '2026-12-01T00:00:00Z', '"
                + BenchmarkReleaseEvent.class.getName() + "', convert_to(replace('" + payload.replace("'", "''")
                + "', 'county-330102', 'county-33' || lpad((g % 7)::text, 4, '0')), 'UTF8'), convert_to('{}', 'UTF8')"
                + " FROM generate_series(1, " + REPLAY_EVENTS + ") AS g");
        execute("ANALYZE domainevententry");
    }

    private static double plainScanRate(long rows) throws SQLException {
        long start = System.nanoTime();
        long read = 0;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.setFetchSize(1_000);
                try (ResultSet resultSet = statement.executeQuery("SELECT globalindex, eventidentifier, aggregateidentifier, sequencenumber,"
                        + " type, timestamp, payloadtype, payloadrevision, payload, metadata FROM domainevententry ORDER BY globalindex")) {
                    while (resultSet.next()) {
                        resultSet.getBytes(9);
                        read++;
                    }
                }
            }
            connection.commit();
        }
        assertThat(read).isEqualTo(rows);
        return rows / seconds(start);
    }

    /** A projection that counts releases per provider, writing once per batch of events (one transaction). */
    @ProcessingGroup("release-count")
    static final class ReleaseCounter {

        private static final String PENDING = "release-count.pending";
        private final JdbcTransactions transactions;

        ReleaseCounter(JdbcTransactions transactions) {
            this.transactions = transactions;
        }

        @EventHandler
        void on(BenchmarkReleaseEvent event) {
            UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
            Map<String, Long> pending = batch.getOrComputeResource(PENDING, key -> {
                Map<String, Long> counts = new HashMap<>();
                // Written once, just before the batch's transaction (with the processor's token) commits.
                batch.onPrepareCommit(unitOfWork -> flush(counts));
                return counts;
            });
            pending.merge(event.providerNode(), 1L, Long::sum);
        }

        private void flush(Map<String, Long> counts) {
            String sql = "INSERT INTO release_count (provider_node, releases) VALUES (?, ?)"
                    + " ON CONFLICT (provider_node) DO UPDATE SET releases = release_count.releases + excluded.releases";
            try (Connection connection = transactions.getConnection(); PreparedStatement upsert = connection.prepareStatement(sql)) {
                for (Map.Entry<String, Long> count : counts.entrySet()) {
                    upsert.setString(1, count.getKey());
                    upsert.setLong(2, count.getValue());
                    upsert.addBatch();
                }
                upsert.executeBatch();
            } catch (SQLException e) {
                throw new IllegalStateException("could not write release counts: " + e.getMessage(), e);
            }
        }
    }

    private static BenchmarkReleaseEvent event(String exchangeId, int sequence) {
        return new BenchmarkReleaseEvent(exchangeId, "county-330102", "county-330225", "4548-4", 3,
                List.of("Observation/obs-" + sequence + "-a", "Observation/obs-" + sequence + "-b", "DiagnosticReport/dr-" + sequence),
                Instant.parse("2026-12-01T08:30:00Z"));
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static long count(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet resultSet = statement.executeQuery(sql)) {
            resultSet.next();
            return resultSet.getLong(1);
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
