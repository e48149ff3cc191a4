package rhix.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import rhix.region.NodeId;
import rhix.testing.TestEventStore;

/**
 * More events than one chainer batch (1,000) and than the verifier's cursor pages (500), so both cursors refetch
 * while interleaved and the chain crosses batch boundaries.
 */
class AuditChainStreamingTest {

    private static final NodeId NODE = NodeId.of("province-330000");
    private static final NodeSigningKey KEY = NodeSigningKey.generate();

    private static TestEventStore store;
    private static List<String> eventIds;

    @BeforeAll
    static void appendChainAndSign() {
        store = TestEventStore.onPostgres("auditchain_streaming");
        eventIds = store.appendRecordAccesses(2_500);
        assertThat(new AuditChainer(store.dataSource(), NODE).chainPending()).isEqualTo(2_500);
        assertThat(new CheckpointSigner(store.dataSource(), NODE, KEY).signDue())
                .extracting(AuditCheckpoint::position).containsExactly(1_000L, 2_000L);
    }

    @AfterAll
    static void dropStore() {
        store.close();
    }

    @Test
    void verifiesAcrossPagesAndThenFindsALateAlteration() {
        AuditChainReport valid = new AuditChainVerifier(store.dataSource()).verify(NODE, KEY.publicKey());
        assertThat(valid.isValid()).as(valid.describe()).isTrue();
        assertThat(valid.linksChecked()).isEqualTo(2_500);
        assertThat(valid.lastCheckpointPosition()).isEqualTo(2_000);

        store.tamper("UPDATE domainevententry SET metaData = ? WHERE globalIndex = 2345", "{\"traceId\":\"forged\"}".getBytes());

        AuditChainReport broken = new AuditChainVerifier(store.dataSource()).verify(NODE, KEY.publicKey());
        assertThat(broken.firstProblem()).contains(new AuditChainFinding.Altered(2_345, 2_345, eventIds.get(2_344)));
        assertThat(broken.checkpointsChecked()).isEqualTo(2);
        assertThat(broken.lastVerifiedPosition()).isEqualTo(2_344);
    }
}
