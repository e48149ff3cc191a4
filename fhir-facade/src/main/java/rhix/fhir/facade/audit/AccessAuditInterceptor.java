package rhix.fhir.facade.audit;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.AuditEvent;
import java.util.Optional;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import rhix.fhir.facade.security.AccessToken;
import rhix.fhir.facade.security.PurposeOfUse;

/**
 * One AuditEvent per FHIR interaction, successful or not, in the shape of IHE Basic Audit Log Patterns:
 * type {@code rest}, subtype the interaction, action C/R/U/D/E, outcome, who (agent), where (the node as
 * observer, the client's network address), what (the resource or the query). Who and why come from the
 * verified bearer token (subject, client application, purpose of use); refused requests (401, 403) are
 * recorded like any other failure.
 */
@Interceptor
public final class AccessAuditInterceptor {

    static final String DCM = "http://dicom.nema.org/resources/ontology/DCM";
    static final String RESTFUL_INTERACTION = "http://hl7.org/fhir/restful-interaction";
    static final String AUDIT_EVENT_TYPE = "http://terminology.hl7.org/CodeSystem/audit-event-type";
    static final String ANONYMOUS = "anonymous";

    private final AuditSink sink;
    private final String observer;

    /** @param observer the node that serves and records the access, e.g. {@code county-330102} */
    public AccessAuditInterceptor(AuditSink sink, String observer) {
        this.sink = sink;
        this.observer = observer;
    }

    @Hook(Pointcut.SERVER_PROCESSING_COMPLETED_NORMALLY)
    public void completed(RequestDetails request) {
        record(request, AuditEvent.AuditEventOutcome._0, null);
    }

    @Hook(Pointcut.SERVER_HANDLE_EXCEPTION)
    public boolean failed(RequestDetails request, BaseServerResponseException exception) {
        AuditEvent.AuditEventOutcome outcome = exception.getStatusCode() >= 500 ? AuditEvent.AuditEventOutcome._8
                : AuditEvent.AuditEventOutcome._4;
        record(request, outcome, exception.getStatusCode() + " " + exception.getMessage());
        // Let HAPI render its OperationOutcome as usual.
        return true;
    }

    private void record(RequestDetails request, AuditEvent.AuditEventOutcome outcome, String failure) {
        RestOperationTypeEnum operation = request.getRestOperationType();
        if (operation == null || operation == RestOperationTypeEnum.METADATA) {
            return;
        }
        AuditEvent event = new AuditEvent();
        event.setId(UUID.randomUUID().toString());
        event.setType(new Coding(AUDIT_EVENT_TYPE, "rest", "RESTful Operation"));
        event.addSubtype(new Coding(RESTFUL_INTERACTION, operation.getCode(), operation.name()));
        event.setAction(action(operation));
        event.setRecorded(new Date());
        event.setOutcome(outcome);
        if (failure != null) {
            event.setOutcomeDesc(failure.length() > 500 ? failure.substring(0, 500) : failure);
        }
        Optional<AccessToken> token = AccessToken.of(request);
        AuditEvent.AuditEventAgentComponent user = event.addAgent().setRequestor(true);
        if (token.isPresent()) {
            user.setWho(new Reference().setDisplay(token.get().subject())
                    .setIdentifier(new Identifier().setSystem(token.get().issuer()).setValue(token.get().subject())));
            token.get().purposeOfUse().ifPresent(purpose ->
                    user.addPurposeOfUse().addCoding().setSystem(PurposeOfUse.CODE_SYSTEM).setCode(purpose));
        } else {
            // A refused request (401) or a node running with security disabled: nobody was identified.
            user.setWho(new Reference().setDisplay(ANONYMOUS));
        }
        AuditEvent.AuditEventAgentComponent networkAgent = user;
        if (token.isPresent() && token.get().clientId().isPresent()) {
            // BALP: the client application is an agent of its own, the one at the network address.
            networkAgent = event.addAgent().setRequestor(false)
                    .setWho(new Reference().setDisplay(token.get().clientId().get())
                            .setIdentifier(new Identifier().setSystem(token.get().issuer()).setValue(token.get().clientId().get())));
            networkAgent.getType().addCoding(new Coding(DCM, "110150", "Application"));
        }
        if (request instanceof ServletRequestDetails servlet) {
            networkAgent.getNetwork().setAddress(servlet.getServletRequest().getRemoteAddr())
                    .setType(AuditEvent.AuditEventAgentNetworkType._2);
        }
        event.getSource().setObserver(new Reference().setDisplay(observer))
                .addType(new Coding("http://terminology.hl7.org/CodeSystem/security-source-type", "4", "Application Server"));
        List<String> written = WrittenResources.of(request);
        AuditEvent.AuditEventEntityComponent entity;
        if (!written.isEmpty()) {
            // A write names every version it made: a create has no id in its URL, a transaction has many.
            written.forEach(version -> event.addEntity().setWhat(new Reference(version))
                    .setType(new Coding("http://terminology.hl7.org/CodeSystem/audit-entity-type", "2", "System Object")));
            entity = event.getEntityFirstRep();
        } else {
            entity = event.addEntity();
            if (request.getId() != null && request.getId().hasIdPart()) {
                entity.setWhat(new Reference(request.getId().toUnqualifiedVersionless().getValue()));
            } else if (request.getResourceName() != null) {
                entity.setWhat(new Reference().setDisplay(request.getResourceName()));
            }
        }
        String query = request.getCompleteUrl();
        int questionMark = query == null ? -1 : query.indexOf('?');
        if (questionMark >= 0) {
            entity.setQuery(query.substring(questionMark + 1).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        sink.record(event);
    }

    private static AuditEvent.AuditEventAction action(RestOperationTypeEnum operation) {
        return switch (operation) {
            case CREATE, TRANSACTION, BATCH -> AuditEvent.AuditEventAction.C;
            case UPDATE, PATCH -> AuditEvent.AuditEventAction.U;
            case DELETE -> AuditEvent.AuditEventAction.D;
            case SEARCH_TYPE, SEARCH_SYSTEM, GET_PAGE, EXTENDED_OPERATION_TYPE, EXTENDED_OPERATION_INSTANCE,
                 EXTENDED_OPERATION_SERVER -> AuditEvent.AuditEventAction.E;
            default -> AuditEvent.AuditEventAction.R;
        };
    }
}
