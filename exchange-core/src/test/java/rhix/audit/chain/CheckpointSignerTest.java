package rhix.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import rhix.region.NodeId;
import rhix.testing.TestEventStore;

class CheckpointSignerTest {

    private static final NodeId NODE = NodeId.of("province-330000");
    private static final NodeSigningKey KEY = NodeSigningKey.generate();

    private TestEventStore store;
    private CheckpointSigner signer;

    @BeforeEach
    void chainFiftyEvents() {
        store = TestEventStore.onPostgres("auditchain_signer");
        store.appendRecordAccesses(50);
        new AuditChainer(store.dataSource(), NODE).chainPending();
        signer = new CheckpointSigner(store.dataSource(), NODE, KEY, 20, Clock.systemUTC());
    }

    @AfterEach
    void dropStore() {
        store.close();
    }

    @Test
    void signsEveryMultipleOfTheIntervalOnce() {
        assertThat(signer.signDue()).extracting(AuditCheckpoint::position).containsExactly(20L, 40L);
        assertThat(signer.signDue()).isEmpty();

        store.appendRecordAccesses(15);
        new AuditChainer(store.dataSource(), NODE).chainPending();

        assertThat(signer.signDue()).extracting(AuditCheckpoint::position).containsExactly(60L);
    }

    @Test
    void signsTheHeadOnDemandOnce() {
        AuditCheckpoint head = signer.signHead().orElseThrow();

        assertThat(head.position()).isEqualTo(50);
        assertThat(head.keyId()).isEqualTo(KEY.keyId());
        assertThat(head.algorithm()).isEqualTo("Ed25519");
        assertThat(NodeSigningKey.verifies(KEY.publicKey(),
                new CheckpointStatement(NODE, 50, head.linkHash()).bytesToSign(),
                Base64.getDecoder().decode(head.signature()))).isTrue();
        assertThat(signer.signHead()).as("the head is already signed").isEmpty();
        assertThat(signer.signDue()).as("the checkpoint at 50 already covers 20 and 40").isEmpty();

        store.appendRecordAccesses(15);
        new AuditChainer(store.dataSource(), NODE).chainPending();
        assertThat(signer.signDue()).as("the interval's multiples go on").extracting(AuditCheckpoint::position).containsExactly(60L);
    }
}
