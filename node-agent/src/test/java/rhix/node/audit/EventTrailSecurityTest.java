package rhix.node.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rhix.fhir.facade.security.TokenRequest;
import rhix.node.fhir.TestTokens;

/** {@code AuditEvent/$event-trail} behind the FHIR API's SMART scopes: whoever may search AuditEvent, no one else. */
class EventTrailSecurityTest {

    @TempDir
    static Path keys;

    private static AuditTestNode node;

    @BeforeAll
    static void startSecuredNode() {
        node = AuditTestNode.start(keys, TestTokens.securedNodeProperties());
        node.requestAndAuthoriseExchange("dr-0042", "EMPI-0001");
    }

    @AfterAll
    static void stopNode() {
        node.close();
    }

    @Test
    void aTokenThatMaySearchAuditEventsGetsTheTrail() {
        String auditor = TestTokens.token("auditor-he", "user/AuditEvent.rs", "HOPERAT");

        assertThat(node.getAbsolute(trail(), auditor).status()).isEqualTo(200);
    }

    @Test
    void otherScopesAndNoTokenAreRefused() {
        String reader = TestTokens.token("dr-li", "user/Observation.rs", "TREAT");
        String patientApp = TestTokens.token(TokenRequest.of("resident-zhang", "patient/*.rs", "PATRQT").withPatient("EMPI-0001"));

        assertThat(node.getAbsolute(trail(), reader).status()).isEqualTo(403);
        assertThat(node.getAbsolute(trail(), patientApp).status()).isIn(401, 403);
        assertThat(node.getAbsolute(trail()).status()).isEqualTo(401);
    }

    private static String trail() {
        return node.fhirBaseUrl() + "/AuditEvent/$event-trail";
    }
}
