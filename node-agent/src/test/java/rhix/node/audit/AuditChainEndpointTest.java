package rhix.node.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.ResultSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rhix.audit.chain.NodeSigningKey;

/** {@code /audit/chain} on a real node: events appended through its CommandGateway, then tampered with by SQL. */
class AuditChainEndpointTest {

    @TempDir
    Path keys;

    private AuditTestNode node;

    @BeforeEach
    void startNodeWithSixChainedEvents() {
        node = AuditTestNode.start(keys);
        for (int i = 0; i < 3; i++) {
            node.requestAndAuthoriseExchange("dr-" + i, "EP-" + i);
        }
        node.chainAndSign();
    }

    @AfterEach
    void stopNode() {
        node.close();
    }

    @Test
    void chainGrowsAsEventsAreAppendedAndVerifiesValid() {
        JsonNode first = node.get("/audit/chain").json();
        assertThat(first.get("status").asText()).isEqualTo("VALID");
        long linked = first.get("linksChecked").asLong();
        assertThat(linked).isGreaterThanOrEqualTo(6);
        assertThat(first.get("checkpointsChecked").asLong()).isEqualTo(linked / 5);

        node.requestAndAuthoriseExchange("dr-late", "EP-late");
        AuditTestNode.Reply pending = node.get("/audit/chain");
        assertThat(pending.status()).isEqualTo(200);
        assertThat(pending.json().get("pendingEvents").asLong()).isEqualTo(2);
        node.chainAndSign();

        AuditTestNode.Reply grown = node.get("/audit/chain");
        assertThat(grown.status()).isEqualTo(200);
        assertThat(grown.contentType()).startsWith("application/json");
        assertThat(grown.json().get("linksChecked").asLong()).isEqualTo(linked + 2);
        assertThat(grown.json().get("pendingEvents").asLong()).isZero();
        assertThat(grown.json().get("firstProblem").isNull()).isTrue();
        assertThat(grown.json().get("nodeId").asText()).isEqualTo(AuditTestNode.NODE_ID);
    }

    @Test
    void alteredPayloadIsBrokenAt409NamingThePositionAndGlobalIndex() throws Exception {
        long globalIndex = globalIndexOfSecondExchangeRequest();
        node.tamper("UPDATE domainevententry SET payload = convert_to(replace(convert_from(payload, 'UTF8'), 'dr-1', 'dr-x'), 'UTF8')"
                + " WHERE globalIndex = ?", globalIndex);

        AuditTestNode.Reply reply = node.get("/audit/chain");

        assertThat(reply.status()).isEqualTo(409);
        JsonNode report = reply.json();
        assertThat(report.get("status").asText()).isEqualTo("BROKEN");
        JsonNode problem = report.get("firstProblem");
        assertThat(problem.get("type").asText()).isEqualTo("ALTERED");
        assertThat(problem.get("globalIndex").asLong()).isEqualTo(globalIndex);
        assertThat(problem.get("position").asLong()).isPositive();
        assertThat(problem.get("eventIdentifier").asText()).isNotBlank();
        assertThat(problem.get("message").asText()).contains("globalIndex " + globalIndex, "altered");
        assertThat(report.get("lastVerifiedPosition").asLong()).isEqualTo(problem.get("position").asLong() - 1);
    }

    @Test
    void deletedRowIsMissing() throws Exception {
        long globalIndex = globalIndexOfSecondExchangeRequest();
        node.tamper("DELETE FROM domainevententry WHERE globalIndex = ?", globalIndex);

        AuditTestNode.Reply reply = node.get("/audit/chain");

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.json().at("/firstProblem/type").asText()).isEqualTo("MISSING");
        assertThat(reply.json().at("/firstProblem/globalIndex").asLong()).isEqualTo(globalIndex);
        assertThat(reply.json().at("/firstProblem/message").asText()).contains("missing from the event store");
    }

    @Test
    void aWitnessedPositionBeyondTheChainIsTruncated() {
        AuditTestNode.Reply reply = node.get("/audit/chain?witnessedPosition=1000");
        AuditTestNode.Reply negative = node.get("/audit/chain?witnessedPosition=-1");

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.json().at("/firstProblem/type").asText()).isEqualTo("TRUNCATED");
        assertThat(reply.json().at("/firstProblem/position").asLong()).isEqualTo(1000);
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.json().get("message").asText()).contains("witnessedPosition");
    }

    @Test
    void publicKeyIsPemWithItsIdInAHeaderAndVerifiesTheCheckpoints() throws Exception {
        AuditTestNode.Reply reply = node.get("/audit/chain/public-key");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("text/plain");
        assertThat(reply.body()).startsWith("-----BEGIN PUBLIC KEY-----");
        NodeSigningKey key = node.context().getBean(NodeSigningKey.class);
        assertThat(reply.header(AuditChainController.KEY_ID_HEADER)).isEqualTo(key.keyId());
        assertThat(reply.body()).isEqualTo(key.publicKeyPem());
        // The key the node generated sits in the key directory, with its public half beside it.
        assertThat(NodeSigningKey.load(keys.resolve(AuditConfiguration.SIGNING_KEY_FILE)).keyId()).isEqualTo(key.keyId());
        assertThat(NodeSigningKey.keyIdOf(NodeSigningKey.loadPublicKey(keys.resolve(AuditConfiguration.PUBLIC_KEY_FILE))))
                .isEqualTo(key.keyId());
    }

    @Test
    void checkpointOnDemandSignsTheHeadThenAnswersTheSameCheckpoint() {
        node.requestAndAuthoriseExchange("dr-late", "EP-late");

        AuditTestNode.Reply signed = node.post("/audit/chain/checkpoints", "");
        AuditTestNode.Reply again = node.post("/audit/chain/checkpoints", "");

        assertThat(signed.status()).isEqualTo(201);
        JsonNode checkpoint = signed.json();
        assertThat(checkpoint.get("position").asLong()).isEqualTo(node.get("/audit/chain").json().get("linksChecked").asLong());
        assertThat(checkpoint.get("algorithm").asText()).isEqualTo("Ed25519");
        assertThat(checkpoint.get("keyId").asText()).isEqualTo(node.context().getBean(NodeSigningKey.class).keyId());
        assertThat(checkpoint.get("signature").asText()).isNotBlank();
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("position").asLong()).isEqualTo(checkpoint.get("position").asLong());
        assertThat(node.get("/audit/chain").json().get("unsignedLinks").asLong()).isZero();
    }

    private long globalIndexOfSecondExchangeRequest() throws Exception {
        try (var connection = node.database().connect(); var select = connection.prepareStatement(
                "SELECT globalIndex FROM domainevententry WHERE payloadType LIKE '%ExchangeRequestedEvent'"
                        + " ORDER BY globalIndex OFFSET 1 LIMIT 1"); ResultSet row = select.executeQuery()) {
            assertThat(row.next()).isTrue();
            return row.getLong(1);
        }
    }
}
