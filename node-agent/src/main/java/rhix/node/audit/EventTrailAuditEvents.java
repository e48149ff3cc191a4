package rhix.node.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Date;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import rhix.fhir.RhixNamingSystems;

/**
 * An event of the event store as a FHIR AuditEvent: who did what to which aggregate, when, and the chain link that
 * makes the record tamper-evident. The payload is decoded as plain JSON, not as its class, so the trail shows every
 * event the store holds, including ones this node's code no longer knows.
 *
 * <ul>
 *   <li>{@code id} {@code evt-<globalIndex>}; {@code recorded} the event's timestamp</li>
 *   <li>{@code type} the aggregate type ({@code Exchange}, {@code DataUseApplication}, {@code PersonalDataErasure}),
 *       {@code subtype} the event, e.g. {@code exchange-requested} "Exchange requested", both in {@link #EVENT_SYSTEM}</li>
 *   <li>{@code agent} each person the payload names: {@code requester}, {@code applicant}, {@code reviewer},
 *       {@code clinician}, {@code by} or a field ending in {@code By}; the requester and applicant are the requestor.
 *       An event that names no one gets the node itself as its agent (AuditEvent needs one)</li>
 *   <li>{@code entity} the aggregate (identifier = aggregate id), with details: event identifier, globalIndex,
 *       sequence number, payload type, and chain position and link hash once linked; plus the patient, by their
 *       enterprise id, when the payload names one ({@code enterprisePersonId}, {@code personRef})</li>
 *   <li>{@code outcome} 4 (minor failure) for a denied, rejected, failed or expired event, else 0</li>
 * </ul>
 */
final class EventTrailAuditEvents {

    static final String ID_PREFIX = "evt-";
    static final String EVENT_SYSTEM = "http://rhix.org.cn/fhir/CodeSystem/event-trail";
    static final String AGGREGATE_SYSTEM = "http://rhix.org.cn/fhir/sid/aggregate";
    static final String NODE_SYSTEM = "http://rhix.org.cn/fhir/sid/node";
    static final String PRINCIPAL_SYSTEM = "http://rhix.org.cn/fhir/sid/principal";
    /** Marks the view's resources apart from the stored AuditEvents of FHIR access. */
    static final String SOURCE = "#event-store";

    private static final Set<String> AGENT_FIELDS = Set.of("requester", "applicant", "reviewer", "clinician", "by");
    private static final Set<String> REQUESTOR_FIELDS = Set.of("requester", "applicant", "requestedBy");
    private static final Set<String> PATIENT_FIELDS = Set.of("enterprisePersonId", "personRef");
    private static final Set<String> FAILURE_WORDS = Set.of("Denied", "Rejected", "Failed", "Expired", "NotRecognised");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String nodeId;

    EventTrailAuditEvents(String nodeId) {
        this.nodeId = nodeId;
    }

    AuditEvent toAuditEvent(StoredEvent event) {
        AuditEvent audit = new AuditEvent();
        audit.setId(ID_PREFIX + event.globalIndex());
        audit.getMeta().setSource(SOURCE);
        String eventName = simpleName(event.payloadType());
        String aggregateType = event.aggregateType() != null ? event.aggregateType() : eventName;
        audit.setType(new Coding(EVENT_SYSTEM, aggregateType, sentence(aggregateType)));
        String subtype = kebab(withoutEventSuffix(eventName));
        audit.addSubtype(new Coding(EVENT_SYSTEM, subtype, sentence(withoutEventSuffix(eventName))));
        audit.setAction(AuditEvent.AuditEventAction.E);
        audit.setRecorded(Date.from(event.timestamp()));
        boolean failure = FAILURE_WORDS.stream().anyMatch(eventName::contains);
        audit.setOutcome(failure ? AuditEvent.AuditEventOutcome._4 : AuditEvent.AuditEventOutcome._0);
        audit.getSource().setSite(nodeId).setObserver(new Reference().setIdentifier(new Identifier().setSystem(NODE_SYSTEM)
                .setValue(nodeId)).setDisplay("RHIX node " + nodeId));

        JsonNode payload = decode(event.payload());
        addAgents(audit, payload);
        if (audit.getAgent().isEmpty()) {
            audit.addAgent().setRequestor(false).setName("RHIX node " + nodeId)
                    .setWho(new Reference().setIdentifier(new Identifier().setSystem(NODE_SYSTEM).setValue(nodeId)));
        }
        addAggregateEntity(audit, event, aggregateType);
        addPatientEntity(audit, payload);
        return audit;
    }

    private static void addAgents(AuditEvent audit, JsonNode payload) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = payload.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            boolean namesAPerson = AGENT_FIELDS.contains(name) || (name.endsWith("By") && name.length() > 2);
            if (!namesAPerson || !field.getValue().isTextual() || field.getValue().asText().isBlank()) {
                continue;
            }
            String principal = field.getValue().asText();
            audit.addAgent().setRequestor(REQUESTOR_FIELDS.contains(name)).setName(principal)
                    .setWho(new Reference().setIdentifier(new Identifier().setSystem(PRINCIPAL_SYSTEM).setValue(principal)))
                    .getType().addCoding(new Coding(EVENT_SYSTEM, name, sentence(name)));
        }
    }

    private static void addAggregateEntity(AuditEvent audit, StoredEvent event, String aggregateType) {
        AuditEvent.AuditEventEntityComponent entity = audit.addEntity()
                .setWhat(new Reference().setIdentifier(new Identifier().setSystem(AGGREGATE_SYSTEM).setValue(event.aggregateIdentifier()))
                        .setDisplay(sentence(aggregateType) + " " + event.aggregateIdentifier()))
                .setName(event.aggregateIdentifier());
        entity.setType(new Coding(EVENT_SYSTEM, aggregateType, sentence(aggregateType)));
        detail(entity, "event-identifier", event.eventIdentifier());
        detail(entity, "global-index", Long.toString(event.globalIndex()));
        detail(entity, "sequence-number", Long.toString(event.sequenceNumber()));
        detail(entity, "payload-type", event.payloadType());
        if (event.chainPosition() != null) {
            detail(entity, "chain-position", Long.toString(event.chainPosition()));
            detail(entity, "link-hash", event.linkHash());
        }
    }

    private static void addPatientEntity(AuditEvent audit, JsonNode payload) {
        for (String field : PATIENT_FIELDS) {
            JsonNode value = payload.get(field);
            if (value != null && value.isTextual() && !value.asText().isBlank()) {
                audit.addEntity().setWhat(new Reference().setIdentifier(new Identifier()
                                .setSystem(RhixNamingSystems.ENTERPRISE_ID).setValue(value.asText())))
                        .setType(new Coding("http://terminology.hl7.org/CodeSystem/audit-entity-type", "1", "Person"))
                        .setRole(new Coding("http://terminology.hl7.org/CodeSystem/object-role", "1", "Patient"));
                return;
            }
        }
    }

    private static void detail(AuditEvent.AuditEventEntityComponent entity, String type, String value) {
        entity.addDetail().setType(type).setValue(new StringType(value));
    }

    private static JsonNode decode(byte[] payload) {
        try {
            JsonNode tree = JSON.readTree(payload);
            return tree != null && tree.isObject() ? tree : JSON.createObjectNode();
        } catch (IOException e) {
            // Not JSON (an event written by another serializer): the trail still shows what the row says.
            return JSON.createObjectNode();
        }
    }

    static String simpleName(String payloadType) {
        String name = payloadType.substring(payloadType.lastIndexOf('.') + 1);
        return name.substring(name.lastIndexOf('$') + 1);
    }

    private static String withoutEventSuffix(String name) {
        return name.endsWith("Event") && name.length() > 5 ? name.substring(0, name.length() - 5) : name;
    }

    /** {@code ExchangeRequested} → {@code exchange-requested}. */
    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** {@code DataUseGranted} → {@code Data use granted}. */
    static String sentence(String camel) {
        String spaced = kebab(camel).replace('-', ' ');
        return spaced.isEmpty() ? spaced : Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }
}
