package rhix.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import rhix.region.NodeId;
import rhix.testing.TestEventStore;

/** 50 real Axon events, chained and signed (checkpoints at 20, 40 and the head, 50), then tampered with one way per test. */
class AuditChainVerifierTest {

    private static final NodeId NODE = NodeId.of("county-330102");
    private static final NodeSigningKey NODE_KEY = NodeSigningKey.generate();
    private static final int CHECKPOINT_INTERVAL = 20;

    private TestEventStore store;
    private List<String> eventIds;

    @BeforeEach
    void appendChainAndSign() {
        store = TestEventStore.onPostgres("auditchain_verify");
        eventIds = store.appendRecordAccesses(50);
        assertThat(chainer().chainPending()).isEqualTo(50);
        assertThat(signer().signDue()).extracting(AuditCheckpoint::position).containsExactly(20L, 40L);
        assertThat(signer().signHead()).map(AuditCheckpoint::position).contains(50L);
    }

    @AfterEach
    void dropStore() {
        store.close();
    }

    @Test
    void untouchedChainIsValid() {
        AuditChainReport report = verify();

        assertThat(report.status()).isEqualTo(AuditChainReport.Status.VALID);
        assertThat(report.firstProblem()).isEmpty();
        assertThat(report.linksChecked()).isEqualTo(50);
        assertThat(report.checkpointsChecked()).isEqualTo(3);
        assertThat(report.lastVerifiedPosition()).isEqualTo(50);
        assertThat(report.lastCheckpointPosition()).isEqualTo(50);
        assertThat(report.pendingEvents()).isZero();
    }

    @Test
    void eventsAppendedAfterTheChainArePendingNotBroken() {
        store.appendRecordAccesses(3);

        AuditChainReport report = verify();

        assertThat(report.isValid()).isTrue();
        assertThat(report.pendingEvents()).isEqualTo(3);
    }

    @Test
    void changedPayloadIsAlteredAtItsPosition() {
        store.tamper("UPDATE domainevententry SET payload = ? WHERE globalIndex = 17",
                "{\"exchangeId\":\"x\",\"requester\":\"someone-else\",\"purpose\":\"TREAT\",\"sequence\":16}".getBytes());

        AuditChainFinding problem = brokenFinding();

        assertThat(problem).isEqualTo(new AuditChainFinding.Altered(17, 17, eventIds.get(16)));
        assertThat(problem.message()).contains("globalIndex 17", "position 17", eventIds.get(16), "altered");
        assertThat(verify().lastVerifiedPosition()).isEqualTo(16);
    }

    @Test
    void changedTimestampIsAltered() {
        store.tamper("UPDATE domainevententry SET timeStamp = '2020-01-01T00:00:00Z' WHERE globalIndex = 44");

        assertThat(brokenFinding()).isEqualTo(new AuditChainFinding.Altered(44, 44, eventIds.get(43)));
    }

    @Test
    void deletedRowIsMissing() {
        store.tamper("DELETE FROM domainevententry WHERE globalIndex = 23");

        AuditChainFinding problem = brokenFinding();

        assertThat(problem).isEqualTo(new AuditChainFinding.Missing(23, 23, eventIds.get(22)));
        assertThat(problem.type()).isEqualTo(AuditChainFinding.Type.MISSING);
        assertThat(problem.message()).contains("missing from the event store");
    }

    @Test
    void deletedLinkIsMissing() {
        store.tamper("DELETE FROM audit_chain_link WHERE position = 33");

        assertThat(brokenFinding()).isEqualTo(new AuditChainFinding.MissingLink(33, 34));
    }

    @Test
    void swappedGlobalIndexesAreReordered() {
        store.tamper("UPDATE domainevententry SET globalIndex = -10 WHERE globalIndex = 10");
        store.tamper("UPDATE domainevententry SET globalIndex = 10 WHERE globalIndex = 11");
        store.tamper("UPDATE domainevententry SET globalIndex = 11 WHERE globalIndex = -10");

        AuditChainFinding problem = brokenFinding();

        assertThat(problem).isInstanceOfSatisfying(AuditChainFinding.Reordered.class, reordered -> {
            assertThat(reordered.position()).isEqualTo(10);
            assertThat(reordered.globalIndex()).isEqualTo(10);
            assertThat(reordered.linkedEventIdentifier()).isEqualTo(eventIds.get(9));
            assertThat(reordered.foundEventIdentifier()).isEqualTo(eventIds.get(10));
        });
        assertThat(problem.message()).contains("linked at position 11");
    }

    @Test
    void swappedPayloadAndEventIdentifierAreReordered() throws SQLException {
        byte[] payload30 = payloadAt(30);
        byte[] payload31 = payloadAt(31);
        store.tamper("UPDATE domainevententry SET eventIdentifier = 'moving' WHERE globalIndex = 30");
        store.tamper("UPDATE domainevententry SET eventIdentifier = ?, payload = ? WHERE globalIndex = 31", eventIds.get(29), payload30);
        store.tamper("UPDATE domainevententry SET eventIdentifier = ?, payload = ? WHERE globalIndex = 30", eventIds.get(30), payload31);

        AuditChainFinding problem = brokenFinding();

        assertThat(problem.type()).isEqualTo(AuditChainFinding.Type.REORDERED);
        assertThat(problem).extracting("position", "globalIndex").containsExactly(30L, 30L);
    }

    @Test
    void chainRecomputedWithoutTheKeyIsForged() {
        store.tamper("UPDATE domainevententry SET payload = ? WHERE globalIndex = 12",
                "{\"exchangeId\":\"x\",\"requester\":\"nobody\",\"purpose\":\"TREAT\",\"sequence\":11}".getBytes());
        store.tamper("DELETE FROM audit_chain_link");
        assertThat(chainer().chainPending()).isEqualTo(50);

        AuditChainFinding problem = brokenFinding();

        assertThat(problem).isInstanceOfSatisfying(AuditChainFinding.ChainForged.class, forged -> {
            assertThat(forged.checkpointPosition()).isEqualTo(20);
            assertThat(forged.previousCheckpointPosition()).isZero();
        });
        assertThat(problem.message()).contains("positions 1..20", "the events now hash to");
    }

    @Test
    void checkpointRewrittenWithoutTheKeyIsForged() {
        store.tamper("UPDATE domainevententry SET payload = ? WHERE globalIndex = 25",
                "{\"exchangeId\":\"x\",\"requester\":\"nobody\",\"purpose\":\"TREAT\",\"sequence\":24}".getBytes());
        store.tamper("DELETE FROM audit_chain_link");
        chainer().chainPending();
        store.tamper("UPDATE audit_chain_checkpoint c SET link_hash = (SELECT l.link_hash FROM audit_chain_link l WHERE l.position = c.position)");

        AuditChainFinding problem = brokenFinding();

        assertThat(problem).isInstanceOfSatisfying(AuditChainFinding.ChainForged.class,
                forged -> assertThat(forged.checkpointPosition()).isEqualTo(40));
        assertThat(problem.message()).contains("signature that does not verify", "positions 21..40");
    }

    @Test
    void anotherNodesKeyDoesNotVerify() {
        AuditChainReport report = new AuditChainVerifier(store.dataSource()).verify(NODE, NodeSigningKey.generate().publicKey());

        assertThat(report.firstProblem()).get().isInstanceOfSatisfying(AuditChainFinding.ChainForged.class,
                forged -> assertThat(forged.checkpointPosition()).isEqualTo(20));
        assertThat(report.lastVerifiedPosition()).isEqualTo(19);
    }

    @Test
    void anotherNodesIdDoesNotVerify() {
        AuditChainReport report = new AuditChainVerifier(store.dataSource()).verify(NodeId.of("county-330103"), NODE_KEY.publicKey());

        assertThat(report.firstProblem()).get().isEqualTo(new AuditChainFinding.Altered(1, 1, eventIds.get(0)));
    }

    @Test
    void eventInsertedBehindTheChainIsUnlinked() {
        long hole = reserveGlobalIndex();
        store.appendRecordAccesses(5);
        AuditChainer impatient = new AuditChainer(store.dataSource(), NODE, new AuditChainSettings(100, Duration.ZERO), Clock.systemUTC());
        assertThat(impatient.chainPending()).isEqualTo(5);
        store.tamper("INSERT INTO domainevententry (globalIndex, aggregateIdentifier, sequenceNumber, type, eventIdentifier, "
                + "metaData, payload, payloadRevision, payloadType, timeStamp) SELECT ?, 'smuggled', 0, type, 'smuggled-event', "
                + "metaData, payload, payloadRevision, payloadType, timeStamp FROM domainevententry WHERE globalIndex = 1", hole);

        AuditChainFinding problem = brokenFinding();

        assertThat(problem).isEqualTo(new AuditChainFinding.UnlinkedEvent(hole, "smuggled-event", 51));
        assertThat(problem.message()).contains("globalIndex " + hole, "no link");
    }

    @Test
    void removedTailBehindASurvivingCheckpointIsTruncated() {
        store.tamper("DELETE FROM audit_chain_link WHERE position > 45");
        store.tamper("DELETE FROM domainevententry WHERE globalIndex > 45");

        assertThat(brokenFinding()).isEqualTo(new AuditChainFinding.Truncated(45, 50, "a signed checkpoint"));
    }

    @Test
    void removedTailWithItsCheckpointsIsTruncatedOnlyAgainstAWitness() {
        store.tamper("DELETE FROM audit_chain_checkpoint WHERE position > 40");
        store.tamper("DELETE FROM audit_chain_link WHERE position > 40");
        store.tamper("DELETE FROM domainevententry WHERE globalIndex > 40");

        assertThat(verify().isValid()).as("undetectable from the database alone").isTrue();
        AuditChainReport againstWitness = new AuditChainVerifier(store.dataSource()).verify(NODE, NODE_KEY.publicKey(), 50);
        assertThat(againstWitness.firstProblem()).contains(new AuditChainFinding.Truncated(40, 50, "the witnessed checkpoint"));
    }

    private AuditChainer chainer() {
        return new AuditChainer(store.dataSource(), NODE);
    }

    private CheckpointSigner signer() {
        return new CheckpointSigner(store.dataSource(), NODE, NODE_KEY, CHECKPOINT_INTERVAL, Clock.systemUTC());
    }

    private AuditChainReport verify() {
        return new AuditChainVerifier(store.dataSource()).verify(NODE, NODE_KEY.publicKey());
    }

    private AuditChainFinding brokenFinding() {
        AuditChainReport report = verify();
        assertThat(report.status()).isEqualTo(AuditChainReport.Status.BROKEN);
        return report.firstProblem().orElseThrow();
    }

    /** Takes the next identity value and never uses it, as a rolled-back append does. */
    private long reserveGlobalIndex() {
        try (Connection connection = store.dataSource().getConnection();
             PreparedStatement next = connection.prepareStatement(
                     "SELECT nextval(pg_get_serial_sequence('domainevententry', 'globalindex'))");
             ResultSet value = next.executeQuery()) {
            value.next();
            return value.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] payloadAt(long globalIndex) throws SQLException {
        try (Connection connection = store.dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT payload FROM domainevententry WHERE globalIndex = ?")) {
            select.setLong(1, globalIndex);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getBytes(1);
            }
        }
    }
}
