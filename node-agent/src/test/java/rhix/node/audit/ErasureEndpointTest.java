package rhix.node.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.ResultSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rhix.privacy.erasure.OpenedPersonalData;
import rhix.privacy.erasure.PersonalDataCipher;
import rhix.privacy.erasure.PersonalDataErasedEvent;
import rhix.privacy.erasure.SealedPersonalData;

/** {@code POST /privacy/erasures} on a real node: crypto-shredding, recorded as an event that the chain links. */
class ErasureEndpointTest {

    @TempDir
    static Path keys;

    private static AuditTestNode node;

    @BeforeAll
    static void startNode() {
        node = AuditTestNode.start(keys);
        node.requestAndAuthoriseExchange("dr-0042", "EMPI-0001");
        node.chainAndSign();
    }

    @AfterAll
    static void stopNode() {
        node.close();
    }

    @Test
    void erasingAPersonShredsTheirDataRecordsAnEventAndKeepsTheChainValid() throws Exception {
        PersonalDataCipher cipher = node.context().getBean(PersonalDataCipher.class);
        SealedPersonalData name = cipher.seal("EMPI-0001", "张伟明");
        SealedPersonalData otherName = cipher.seal("EMPI-0002", "李娜");

        AuditTestNode.Reply reply = node.post("/privacy/erasures",
                "{\"personRef\":\"EMPI-0001\",\"reason\":\"request #2026-118\",\"requestedBy\":\"dpo-chen\"}");

        assertThat(reply.status()).isEqualTo(201);
        JsonNode erasure = reply.json();
        assertThat(erasure.get("personRef").asText()).isEqualTo("EMPI-0001");
        assertThat(erasure.get("erasedBy").asText()).isEqualTo("dpo-chen");
        assertThat(erasure.get("reason").asText()).isEqualTo("request #2026-118");
        assertThat(erasure.get("alreadyErased").asBoolean()).isFalse();
        assertThat(cipher.open(name)).isInstanceOf(OpenedPersonalData.Erased.class);
        assertThat(cipher.open(otherName)).isEqualTo(new OpenedPersonalData.Readable("李娜"));

        long globalIndex = erasure.get("globalIndex").asLong();
        try (var connection = node.database().connect(); var select = connection.prepareStatement(
                "SELECT payloadType, aggregateIdentifier, convert_from(payload, 'UTF8') FROM domainevententry WHERE globalIndex = ?")) {
            select.setLong(1, globalIndex);
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString(1)).isEqualTo(PersonalDataErasedEvent.class.getName());
                assertThat(row.getString(2)).isEqualTo(PersonalDataErasedEvent.aggregateIdentifier("EMPI-0001"));
                assertThat(row.getString(3)).contains("\"personRef\":\"EMPI-0001\"", "dpo-chen").doesNotContain("张伟明");
            }
        }
        node.chainAndSign();
        JsonNode chain = node.get("/audit/chain").json();
        assertThat(chain.get("status").asText()).isEqualTo("VALID");
        assertThat(chain.get("pendingEvents").asLong()).isZero();
        assertThat(chain.get("linksChecked").asLong()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void erasingAgainAnswers200WithTheFirstErasureAndNoSecondEvent() throws Exception {
        String body = "{\"personRef\":\"EMPI-0003\",\"reason\":\"request #7\",\"requestedBy\":\"dpo-chen\"}";
        AuditTestNode.Reply first = node.post("/privacy/erasures", body);
        AuditTestNode.Reply second = node.post("/privacy/erasures",
                "{\"personRef\":\"EMPI-0003\",\"reason\":\"again\",\"requestedBy\":\"dpo-wang\"}");

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().get("alreadyErased").asBoolean()).isTrue();
        assertThat(second.json().get("erasedBy").asText()).isEqualTo("dpo-chen");
        assertThat(second.json().get("reason").asText()).isEqualTo("request #7");
        assertThat(second.json().get("eventIdentifier").asText()).isEqualTo(first.json().get("eventIdentifier").asText());
        try (var connection = node.database().connect(); var count = connection.prepareStatement(
                "SELECT count(*) FROM domainevententry WHERE aggregateIdentifier = ?")) {
            count.setString(1, PersonalDataErasedEvent.aggregateIdentifier("EMPI-0003"));
            try (ResultSet row = count.executeQuery()) {
                row.next();
                assertThat(row.getLong(1)).isEqualTo(1);
            }
        }
    }

    @Test
    void missingFieldsAreNamed() {
        AuditTestNode.Reply noReason = node.post("/privacy/erasures", "{\"personRef\":\"EMPI-0004\",\"requestedBy\":\"dpo-chen\"}");
        AuditTestNode.Reply blank = node.post("/privacy/erasures", "{\"personRef\":\" \",\"reason\":\"x\"}");

        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.json().get("message").asText()).startsWith("field reason is missing");
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.json().get("message").asText()).startsWith("fields personRef, requestedBy are missing");
    }

    @Test
    void aBodyThatIsNotJsonIsRefused() {
        assertThat(node.post("/privacy/erasures", "personRef=EMPI-0005").status()).isEqualTo(400);
    }
}
