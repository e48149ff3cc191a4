package rhix.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import rhix.region.NodeId;
import rhix.testing.TestEventStore;

/** The embedded default store (H2 in PostgreSQL mode, as the demo runs without PostgreSQL): same schema, same chain. */
class AuditChainOnH2Test {

    private static final NodeId NODE = NodeId.of("county-330102");
    private static final NodeSigningKey KEY = NodeSigningKey.generate();

    private TestEventStore store;

    @BeforeEach
    void createStore() {
        store = TestEventStore.onJdbcUrl("jdbc:h2:mem:auditchain-" + System.nanoTime()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", "sa");
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void chainsSignsAndVerifies() {
        store.appendRecordAccesses(30);

        assertThat(new AuditChainer(store.dataSource(), NODE).chainPending()).isEqualTo(30);
        assertThat(new CheckpointSigner(store.dataSource(), NODE, KEY, 10, Clock.systemUTC()).signDue()).hasSize(3);

        AuditChainReport report = new AuditChainVerifier(store.dataSource()).verify(NODE, KEY.publicKey());
        assertThat(report.isValid()).isTrue();
        assertThat(report.checkpointsChecked()).isEqualTo(3);
    }

    @Test
    void detectsAnAlteredRow() {
        List<String> eventIds = store.appendRecordAccesses(30);
        new AuditChainer(store.dataSource(), NODE).chainPending();
        new CheckpointSigner(store.dataSource(), NODE, KEY, 10, Clock.systemUTC()).signDue();

        store.tamper("UPDATE domainevententry SET aggregateIdentifier = 'someone-else' WHERE globalIndex = 8");

        AuditChainReport report = new AuditChainVerifier(store.dataSource()).verify(NODE, KEY.publicKey());
        assertThat(report.firstProblem()).contains(new AuditChainFinding.Altered(8, 8, eventIds.get(7)));
    }
}
