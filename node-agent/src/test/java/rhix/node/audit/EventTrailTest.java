package rhix.node.audit;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code AuditEvent/$event-trail}: the node's event store seen through its FHIR API. */
class EventTrailTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    @TempDir
    static Path keys;

    private static AuditTestNode node;
    private static String exchangeId;

    @BeforeAll
    static void startNodeWithAnExchangeAndAnErasure() {
        node = AuditTestNode.start(keys);
        exchangeId = node.requestAndAuthoriseExchange("dr-0042", "EMPI-0001");
        node.chainAndSign();
        assertThat(node.post("/privacy/erasures", "{\"personRef\":\"EMPI-0009\",\"reason\":\"request #9\",\"requestedBy\":\"dpo-chen\"}")
                .status()).isEqualTo(201);
    }

    @AfterAll
    static void stopNode() {
        node.close();
    }

    @Test
    void trailShowsEveryEventNewestFirstWithAgentsAndEntities() {
        Bundle trail = search("");

        assertThat(trail.getTotal()).isEqualTo(3);
        AuditEvent erasure = (AuditEvent) trail.getEntry().get(0).getResource();
        AuditEvent authorised = (AuditEvent) trail.getEntry().get(1).getResource();
        AuditEvent requested = (AuditEvent) trail.getEntry().get(2).getResource();

        assertThat(erasure.getSubtypeFirstRep().getCode()).isEqualTo("personal-data-erased");
        assertThat(erasure.getType().getCode()).isEqualTo("PersonalDataErasure");
        assertThat(erasure.getAgentFirstRep().getWho().getIdentifier().getValue()).isEqualTo("dpo-chen");
        // Not linked yet: the chainer has not run since the erasure.
        assertThat(details(erasure)).doesNotContain("link-hash");

        assertThat(requested.getIdElement().getIdPart()).startsWith("evt-");
        assertThat(requested.getMeta().getSource()).isEqualTo("#event-store");
        assertThat(requested.getType().getCode()).isEqualTo("Exchange");
        assertThat(requested.getSubtypeFirstRep().getCode()).isEqualTo("exchange-requested");
        assertThat(requested.getSubtypeFirstRep().getDisplay()).isEqualTo("Exchange requested");
        assertThat(requested.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._0);
        assertThat(requested.getRecorded()).isCloseTo(java.util.Date.from(Instant.now()), 120_000);
        assertThat(requested.getAgent()).singleElement().satisfies(agent -> {
            assertThat(agent.getWho().getIdentifier().getValue()).isEqualTo("dr-0042");
            assertThat(agent.getRequestor()).isTrue();
        });
        AuditEvent.AuditEventEntityComponent aggregate = requested.getEntityFirstRep();
        assertThat(aggregate.getWhat().getIdentifier().getValue()).isEqualTo(exchangeId);
        assertThat(details(requested)).contains("event-identifier", "global-index", "chain-position", "link-hash");
        assertThat(aggregate.getDetail()).filteredOn(d -> d.getType().equals("link-hash")).singleElement()
                .satisfies(d -> assertThat(d.getValueStringType().getValue()).matches("[0-9a-f]{64}"));
        assertThat(requested.getEntity()).extracting(e -> e.getWhat().getIdentifier().getValue()).contains("EMPI-0001");

        // An event that names no person is the node's own doing.
        assertThat(authorised.getSubtypeFirstRep().getCode()).isEqualTo("exchange-authorised");
        assertThat(authorised.getAgentFirstRep().getWho().getIdentifier().getValue()).isEqualTo(AuditTestNode.NODE_ID);
    }

    @Test
    void searchesByIdEntityAndDate() {
        Bundle all = search("");
        String newestId = all.getEntry().get(0).getResource().getIdElement().getIdPart();

        assertThat(ids(search("?_id=" + newestId))).containsExactly(newestId);
        assertThat(search("?entity-id=" + exchangeId).getTotal()).isEqualTo(2);
        String tomorrow = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        String yesterday = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        assertThat(search("?date=ge" + encode(tomorrow)).getTotal()).isZero();
        assertThat(search("?date=ge" + encode(yesterday) + "&date=le" + encode(tomorrow)).getTotal()).isEqualTo(3);
    }

    @Test
    void pagesFollowTheNextLink() {
        Bundle first = search("?_count=2");

        assertThat(first.getEntry()).hasSize(2);
        assertThat(first.getLink("next")).isNotNull();
        AuditTestNode.Reply next = node.getAbsolute(first.getLink("next").getUrl());
        Bundle second = FHIR.newJsonParser().parseResource(Bundle.class, next.body());
        assertThat(second.getEntry()).hasSize(1);
        assertThat(ids(second)).doesNotContainAnyElementsOf(ids(first));
    }

    @Test
    void aMalformedIdIsA400() {
        AuditTestNode.Reply reply = node.getAbsolute(node.fhirBaseUrl() + "/AuditEvent/$event-trail?_id=42");

        assertThat(reply.status()).isEqualTo(400);
        OperationOutcome outcome = FHIR.newJsonParser().parseResource(OperationOutcome.class, reply.body());
        assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains("evt-<globalIndex>");
    }

    @Test
    void storedAuditEventsOfFhirAccessAreServedAsBefore() {
        AuditTestNode.Reply stored = node.getAbsolute(node.fhirBaseUrl() + "/AuditEvent");

        assertThat(stored.status()).isEqualTo(200);
        Bundle bundle = FHIR.newJsonParser().parseResource(Bundle.class, stored.body());
        assertThat(ids(bundle)).noneMatch(id -> id.startsWith("evt-"));
    }

    private static Bundle search(String query) {
        AuditTestNode.Reply reply = node.getAbsolute(node.fhirBaseUrl() + "/AuditEvent/$event-trail" + query);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return FHIR.newJsonParser().parseResource(Bundle.class, reply.body());
    }

    private static java.util.List<String> ids(Bundle bundle) {
        return bundle.getEntry().stream().map(entry -> entry.getResource().getIdElement().getIdPart()).toList();
    }

    private static java.util.List<String> details(AuditEvent event) {
        return event.getEntityFirstRep().getDetail().stream().map(AuditEvent.AuditEventEntityDetailComponent::getType).toList();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
