package rhix.node.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.hl7.fhir.r4.model.AuditEvent;
import org.junit.jupiter.api.Test;

/** How one stored event reads as an AuditEvent, decoded from its JSON without its class. */
class EventTrailAuditEventsTest {

    private static final Instant AT = Instant.parse("2026-12-02T08:15:30.123Z");
    private final EventTrailAuditEvents mapping = new EventTrailAuditEvents("county-330102");

    @Test
    void grantEventNamesItsApplicantAsRequestor() {
        AuditEvent granted = mapping.toAuditEvent(event(7, "DataUseApplication", "rhix.grant.api.DataUseGrantedEvent",
                "{\"grantId\":\"app-1\",\"applicant\":\"researcher-wu\",\"organisation\":\"ZJU\",\"purpose\":\"RESEARCH\"}"));

        assertThat(granted.getIdElement().getIdPart()).isEqualTo("evt-7");
        assertThat(granted.getRecorded().toInstant()).isEqualTo(AT);
        assertThat(granted.getType().getCode()).isEqualTo("DataUseApplication");
        assertThat(granted.getSubtypeFirstRep().getCode()).isEqualTo("data-use-granted");
        assertThat(granted.getSubtypeFirstRep().getDisplay()).isEqualTo("Data use granted");
        assertThat(granted.getAgent()).singleElement().satisfies(agent -> {
            assertThat(agent.getWho().getIdentifier().getValue()).isEqualTo("researcher-wu");
            assertThat(agent.getRequestor()).isTrue();
        });
        assertThat(granted.getEntityFirstRep().getWhat().getIdentifier().getValue()).isEqualTo("app-1");
        assertThat(granted.getEntityFirstRep().getDetail()).extracting(AuditEvent.AuditEventEntityDetailComponent::getType)
                .contains("link-hash", "chain-position", "global-index", "event-identifier");
        assertThat(granted.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._0);
    }

    @Test
    void reviewerAndRevokerAreAgentsButNotRequestors() {
        AuditEvent approved = mapping.toAuditEvent(event(8, "DataUseApplication", "rhix.grant.api.ReviewStepApprovedEvent",
                "{\"applicationId\":\"app-1\",\"step\":\"ETHICS\",\"reviewer\":\"rev-zhang\",\"comment\":\"ok\"}"));
        AuditEvent revoked = mapping.toAuditEvent(event(9, "DataUseApplication", "rhix.grant.api.DataUseGrantRevokedEvent",
                "{\"grantId\":\"app-1\",\"by\":\"dpo-chen\",\"reason\":\"misuse\"}"));

        assertThat(approved.getAgent()).singleElement().satisfies(agent -> {
            assertThat(agent.getWho().getIdentifier().getValue()).isEqualTo("rev-zhang");
            assertThat(agent.getRequestor()).isFalse();
        });
        assertThat(revoked.getAgentFirstRep().getWho().getIdentifier().getValue()).isEqualTo("dpo-chen");
    }

    @Test
    void refusalsAreMinorFailures() {
        AuditEvent rejected = mapping.toAuditEvent(event(10, "DataUseApplication", "rhix.grant.api.DataUseApplicationRejectedEvent",
                "{\"applicationId\":\"app-2\",\"reviewer\":\"rev-zhang\",\"reason\":\"no ethics approval\"}"));

        assertThat(rejected.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._4);
    }

    @Test
    void aPayloadThatIsNotJsonStillShowsWithTheNodeAsAgent() {
        StoredEvent unlinked = new StoredEvent(11, "e-11", "x-1", 0, null, "com.example.LegacyThing", AT,
                "<xml/>".getBytes(StandardCharsets.UTF_8), null, null);

        AuditEvent legacy = mapping.toAuditEvent(unlinked);

        assertThat(legacy.getType().getCode()).isEqualTo("LegacyThing");
        assertThat(legacy.getAgentFirstRep().getWho().getIdentifier().getValue()).isEqualTo("county-330102");
        assertThat(legacy.getEntityFirstRep().getDetail()).extracting(AuditEvent.AuditEventEntityDetailComponent::getType)
                .doesNotContain("link-hash", "chain-position");
    }

    private static StoredEvent event(long globalIndex, String aggregateType, String payloadType, String json) {
        return new StoredEvent(globalIndex, "e-" + globalIndex, "app-1", globalIndex, aggregateType, payloadType, AT,
                json.getBytes(StandardCharsets.UTF_8), globalIndex, "ab".repeat(32));
    }
}
