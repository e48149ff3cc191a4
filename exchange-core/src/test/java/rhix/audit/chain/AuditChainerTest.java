package rhix.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.common.jdbc.ConnectionWrapperFactory;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import rhix.region.NodeId;
import rhix.testing.TestEventStore;

class AuditChainerTest {

    private static final NodeId NODE = NodeId.of("city-330100");
    private static final Duration GAP_WAIT = Duration.ofSeconds(10);

    private TestEventStore store;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T08:00:00Z"));

    @BeforeEach
    void createStore() {
        store = TestEventStore.onPostgres("auditchain_chainer");
    }

    @AfterEach
    void dropStore() {
        store.close();
    }

    @Test
    void linksEveryEventOnceInGlobalIndexOrder() throws SQLException {
        store.appendRecordAccesses(25);
        AuditChainer chainer = chainer(7);

        assertThat(chainer.chainPending()).as("in batches of 7").isEqualTo(25);
        assertThat(chainer.chainPending()).isZero();
        store.appendRecordAccesses(3);
        assertThat(chainer.chainPending()).isEqualTo(3);

        assertThat(linkedGlobalIndexes()).containsExactlyElementsOf(range(1, 28));
        assertThat(verify().isValid()).isTrue();
    }

    @Test
    void waitsForATransactionStillInFlightAndLinksItInOrder() throws SQLException {
        store.appendRecordAccesses(3);
        try (Connection inFlight = store.dataSource().getConnection()) {
            inFlight.setAutoCommit(false);
            appendThrough(inFlight);
            store.appendRecordAccesses(2);
            AuditChainer chainer = chainer(100);

            assertThat(chainer.chainPending()).as("stops before the hole at globalIndex 4").isEqualTo(3);
            clock.advance(GAP_WAIT.minusSeconds(1));
            assertThat(chainer.chainPending()).isZero();

            inFlight.commit();
            assertThat(chainer.chainPending()).isEqualTo(3);
        }
        assertThat(linkedGlobalIndexes()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(verify().isValid()).isTrue();
    }

    @Test
    void skipsAHoleLeftByARolledBackAppendOnceTheWaitHasPassed() throws SQLException {
        store.appendRecordAccesses(3);
        try (Connection rolledBack = store.dataSource().getConnection()) {
            rolledBack.setAutoCommit(false);
            appendThrough(rolledBack);
            rolledBack.rollback();
        }
        store.appendRecordAccesses(2);
        AuditChainer chainer = chainer(100);

        assertThat(chainer.chainPending()).isEqualTo(3);
        clock.advance(GAP_WAIT);
        assertThat(chainer.chainPending()).isEqualTo(2);

        assertThat(linkedGlobalIndexes()).containsExactly(1L, 2L, 3L, 5L, 6L);
        AuditChainReport report = verify();
        assertThat(report.isValid()).isTrue();
        assertThat(report.linksChecked()).isEqualTo(5);
    }

    @Test
    void twoChainersAtOnceNeverForkTheChain() throws Exception {
        AtomicBoolean appending = new AtomicBoolean(true);
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            List<Future<Long>> chainers = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                AuditChainer chainer = new AuditChainer(store.dataSource(), NODE, new AuditChainSettings(5, GAP_WAIT), Clock.systemUTC());
                chainers.add(threads.submit(() -> {
                    long linked = 0;
                    while (appending.get()) {
                        long batch = chainer.chainPending();
                        linked += batch;
                        if (batch == 0) {
                            Thread.sleep(2);
                        }
                    }
                    return linked + chainer.chainPending();
                }));
            }
            threads.submit(() -> {
                for (int i = 0; i < 40; i++) {
                    store.appendRecordAccesses(5);
                }
                appending.set(false);
                return null;
            }).get();

            long linked = 0;
            for (Future<Long> chainer : chainers) {
                linked += chainer.get();
            }
            assertThat(linked).isEqualTo(200);
        } finally {
            threads.shutdownNow();
        }
        assertThat(linkedGlobalIndexes()).containsExactlyElementsOf(range(1, 200));
        assertThat(verify().isValid()).isTrue();
    }

    private AuditChainer chainer(int batchSize) {
        return new AuditChainer(store.dataSource(), NODE, new AuditChainSettings(batchSize, GAP_WAIT), clock);
    }

    private AuditChainReport verify() {
        NodeSigningKey key = NodeSigningKey.generate();
        new CheckpointSigner(store.dataSource(), NODE, key, 10, Clock.systemUTC()).signHead();
        return new AuditChainVerifier(store.dataSource()).verify(NODE, key.publicKey());
    }

    /** Appends one real event through Axon inside the caller's open transaction, taking a globalIndex now. */
    private static void appendThrough(Connection transaction) {
        JdbcEventStorageEngine engine = JdbcEventStorageEngine.builder()
                .connectionProvider(() -> ConnectionWrapperFactory.wrap(transaction, new ConnectionWrapperFactory.NoOpCloseHandler()))
                .transactionManager(NoTransactionManager.INSTANCE)
                .eventSerializer(JacksonSerializer.defaultSerializer())
                .snapshotSerializer(JacksonSerializer.defaultSerializer())
                .build();
        String exchangeId = "exchange-" + UUID.randomUUID();
        engine.appendEvents(new GenericDomainEventMessage<>("Exchange", exchangeId, 0,
                new TestEventStore.RecordAccessedEvent(exchangeId, "dr-wang", "TREAT", 0)));
    }

    private List<Long> linkedGlobalIndexes() throws SQLException {
        try (Connection connection = store.dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT position, global_index FROM audit_chain_link ORDER BY position");
             ResultSet links = select.executeQuery()) {
            List<Long> globalIndexes = new ArrayList<>();
            long expectedPosition = 1;
            while (links.next()) {
                assertThat(links.getLong(1)).as("positions without gaps").isEqualTo(expectedPosition++);
                globalIndexes.add(links.getLong(2));
            }
            return globalIndexes;
        }
    }

    private static List<Long> range(long first, long last) {
        List<Long> values = new ArrayList<>();
        for (long value = first; value <= last; value++) {
            values.add(value);
        }
        return values;
    }

    private static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
