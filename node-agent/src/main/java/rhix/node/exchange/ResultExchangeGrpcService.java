package rhix.node.exchange;

import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Identifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rhix.api.exchange.v1.FetchResultsRequest;
import rhix.api.exchange.v1.FetchResultsResponse;
import rhix.api.exchange.v1.OfferedResult;
import rhix.api.exchange.v1.ResultExchangeServiceGrpc;
import rhix.api.exchange.v1.ResultResourceType;
import rhix.fhir.facade.audit.AuditSink;
import rhix.node.NodeConfiguration;
import rhix.policy.PurposeOfUse;

/**
 * {@code rhix.exchange.v1.ResultExchangeService}: this node as a provider in mutual recognition. Releases
 * the requested results of the named local patients for treatment only, the minimum necessary (no Patient);
 * every call, released or refused, leaves an AuditEvent in the node's store. Broken fields answer
 * {@code INVALID_ARGUMENT} naming the field, another purpose {@code PERMISSION_DENIED}, a passed deadline
 * {@code DEADLINE_EXCEEDED}, a failing store {@code UNAVAILABLE}; no results is an empty answer.
 */
@Singleton
public class ResultExchangeGrpcService extends ResultExchangeServiceGrpc.ResultExchangeServiceImplBase {

    private static final Logger LOG = LoggerFactory.getLogger(ResultExchangeGrpcService.class);
    private static final String DCM = "http://dicom.nema.org/resources/ontology/DCM";
    private static final String V3_ACT_REASON = "http://terminology.hl7.org/CodeSystem/v3-ActReason";
    /** Identifies the exchange an AuditEvent belongs to, and the requesting nodes and principals. */
    static final String EXCHANGE_ID_SYSTEM = "urn:rhix:exchange-id";
    static final String NODE_ID_SYSTEM = "urn:rhix:node-id";

    private final ProviderResults results;
    private final ExchangeProviderConfiguration configuration;
    private final NodeConfiguration self;
    private final AuditSink audit;
    private final Clock clock;
    private final Tracer tracer;

    public ResultExchangeGrpcService(ProviderResults results, ExchangeProviderConfiguration configuration,
                                     NodeConfiguration self, AuditSink audit, Clock clock, OpenTelemetry openTelemetry) {
        this.results = results;
        this.configuration = configuration;
        this.self = self;
        this.audit = audit;
        this.clock = clock;
        this.tracer = openTelemetry.getTracer("rhix.node.exchange");
    }

    @Override
    public void fetchResults(FetchResultsRequest request, StreamObserver<FetchResultsResponse> responses) {
        Span span = tracer.spanBuilder("fetch results").setAttribute("rhix.exchange.id", request.getExchangeId())
                .setAttribute("rhix.exchange.requesting_node", request.getRequestingNodeId())
                .setAttribute("rhix.exchange.patients", request.getLocalPatientIdsCount())
                .setAttribute("rhix.exchange.codes", request.getItemCodesCount())
                .startSpan();
        try (Scope ignored = span.makeCurrent()) {
            FetchResultsResponse response = answer(request);
            span.setAttribute("rhix.exchange.released", response.getResultsCount());
            span.setAttribute("rhix.exchange.truncated", response.getTruncated());
            responses.onNext(response);
            responses.onCompleted();
        } catch (StatusRuntimeException e) {
            span.setStatus(StatusCode.ERROR, e.getStatus().getCode().name());
            span.setAttribute("rpc.grpc.status_text", String.valueOf(e.getStatus().getDescription()));
            audit(request, List.of(), e.getStatus());
            responses.onError(e);
        } catch (RuntimeException e) {
            // A fault of this node's, not the caller's: said as INTERNAL rather than escaping as UNKNOWN.
            LOG.error("{} failed FetchResults of exchange '{}'", self.id(), request.getExchangeId(), e);
            Status status = Status.INTERNAL.withDescription("node " + self.id() + " failed to answer: "
                    + e.getClass().getSimpleName());
            span.recordException(e);
            span.setStatus(StatusCode.ERROR, status.getCode().name());
            audit(request, List.of(), status);
            responses.onError(status.asRuntimeException());
        } finally {
            span.end();
        }
    }

    private FetchResultsResponse answer(FetchResultsRequest request) {
        ResultQuery query;
        try {
            query = ResultQuery.of(request, configuration);
        } catch (InvalidFetchRequestException e) {
            LOG.info("{} refused FetchResults of exchange '{}' from '{}': {}", self.id(), request.getExchangeId(),
                    request.getRequestingNodeId(), e.getMessage());
            throw Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException();
        }
        if (request.getPurposeOfUse().isBlank()) {
            throw Status.INVALID_ARGUMENT.withDescription("purpose_of_use: required (only TREAT is allowed)").asRuntimeException();
        }
        if (!isTreatment(request.getPurposeOfUse())) {
            LOG.warn("{} refused FetchResults of exchange '{}' from '{}' (requester '{}'): purpose of use '{}'", self.id(),
                    query.exchangeId(), query.requestingNodeId(), query.requesterId(), request.getPurposeOfUse());
            throw Status.PERMISSION_DENIED.withDescription("purpose_of_use '" + request.getPurposeOfUse()
                    + "' does not permit releasing results: only TREAT (care of this patient) does; research and"
                    + " statistics go through an approved data-use application").asRuntimeException();
        }
        ProviderResults.Found found;
        try {
            found = results.find(query, ResultExchangeGrpcService::checkDeadline);
        } catch (StatusRuntimeException e) {
            LOG.info("{} stopped FetchResults of exchange '{}': {}", self.id(), query.exchangeId(), e.getStatus());
            throw e;
        } catch (SQLException | RuntimeException e) {
            throw storeFailure(query, e);
        }
        Instant releasedAt = clock.instant();
        FetchResultsResponse.Builder response = FetchResultsResponse.newBuilder().setTruncated(found.truncated());
        found.results().forEach(result -> response.addResults(result.toBuilder()
                .setReleasedAt(ProviderResults.timestamp(releasedAt))));
        FetchResultsResponse built = response.build();
        audit(request, built.getResultsList(), Status.OK);
        LOG.info("{} released {} result(s){} of {} patient id(s) for exchange '{}' to '{}' (requester '{}')", self.id(),
                built.getResultsCount(), found.truncated() ? " (truncated)" : "", query.patientIds().size(),
                query.exchangeId(), query.requestingNodeId(), query.requesterId());
        return built;
    }

    private static boolean isTreatment(String purpose) {
        try {
            return PurposeOfUse.parse(purpose) == PurposeOfUse.TREATMENT;
        } catch (IllegalArgumentException unknown) {
            return false;
        }
    }

    /** Between pages: a call whose deadline passed (or whose caller left) stops reading. */
    private static void checkDeadline() {
        Context context = Context.current();
        Deadline deadline = context.getDeadline();
        if (deadline != null && deadline.isExpired()) {
            throw Status.DEADLINE_EXCEEDED.withDescription("the caller's deadline passed while the provider read results")
                    .asRuntimeException();
        }
        if (context.isCancelled()) {
            throw Status.CANCELLED.withDescription("the caller cancelled the call").asRuntimeException();
        }
    }

    /** The store is this node's, so the caller may retry; the details stay in this node's log. */
    private StatusRuntimeException storeFailure(ResultQuery query, Exception e) {
        boolean storeDown = causedBySql(e);
        LOG.warn("{} could not read results for exchange '{}'", self.id(), query.exchangeId(), e);
        Status status = storeDown ? Status.UNAVAILABLE : Status.INTERNAL;
        return status.withDescription("node " + self.id() + " could not read its results store: "
                + (storeDown ? "the store is unavailable" : e.getClass().getSimpleName())).asRuntimeException();
    }

    private static boolean causedBySql(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException) {
                return true;
            }
        }
        return false;
    }

    /**
     * One AuditEvent per call: who asked (requester and requesting node), why (purpose), for which exchange and
     * patients, and which versions were released, or why nothing was.
     */
    private void audit(FetchResultsRequest request, List<OfferedResult> released, Status status) {
        AuditEvent event = new AuditEvent();
        event.setId(UUID.randomUUID().toString());
        event.setType(new org.hl7.fhir.r4.model.Coding(DCM, "110106", "Export"));
        event.setAction(AuditEvent.AuditEventAction.R);
        event.setRecorded(Date.from(clock.instant()));
        event.setOutcome(switch (status.getCode()) {
            case OK -> AuditEvent.AuditEventOutcome._0;
            case INVALID_ARGUMENT, PERMISSION_DENIED -> AuditEvent.AuditEventOutcome._4;
            default -> AuditEvent.AuditEventOutcome._8;
        });
        if (!status.isOk()) {
            String description = status.getCode() + ": " + status.getDescription();
            event.setOutcomeDesc(description.length() > 500 ? description.substring(0, 500) : description);
        }
        AuditEvent.AuditEventAgentComponent requester = event.addAgent().setRequestor(true);
        requester.setWho(new org.hl7.fhir.r4.model.Reference()
                .setDisplay(request.getRequester().getDisplayName().isEmpty() ? request.getRequester().getId()
                        : request.getRequester().getDisplayName())
                .setIdentifier(new Identifier().setSystem("urn:rhix:principal:" + request.getRequestingNodeId())
                        .setValue(request.getRequester().getId())));
        if (!request.getPurposeOfUse().isBlank()) {
            requester.addPurposeOfUse().addCoding().setSystem(V3_ACT_REASON).setCode(request.getPurposeOfUse());
        }
        event.addAgent().setRequestor(false)
                .setWho(new org.hl7.fhir.r4.model.Reference().setDisplay(request.getRequestingNodeId())
                        .setIdentifier(new Identifier().setSystem(NODE_ID_SYSTEM).setValue(request.getRequestingNodeId())))
                .getType().addCoding(new org.hl7.fhir.r4.model.Coding(DCM, "110150", "Application"));
        event.getSource().setObserver(new org.hl7.fhir.r4.model.Reference().setDisplay(self.id()));
        event.addEntity().setWhat(new org.hl7.fhir.r4.model.Reference()
                        .setIdentifier(new Identifier().setSystem(EXCHANGE_ID_SYSTEM).setValue(request.getExchangeId())))
                .setDescription("mutual-recognition exchange");
        request.getLocalPatientIdsList().stream().distinct().limit(configuration.maxPatientIds()).forEach(patient ->
                event.addEntity().setWhat(new org.hl7.fhir.r4.model.Reference("Patient/" + patient))
                        .setType(new org.hl7.fhir.r4.model.Coding("http://terminology.hl7.org/CodeSystem/audit-entity-type",
                                "1", "Person")));
        released.forEach(result -> event.addEntity()
                .setWhat(new org.hl7.fhir.r4.model.Reference(typeName(result.getResourceType()) + "/" + result.getResourceId()
                        + "/_history/" + result.getVersionId()))
                .setType(new org.hl7.fhir.r4.model.Coding("http://terminology.hl7.org/CodeSystem/audit-entity-type",
                        "2", "System Object")));
        try {
            audit.record(event);
        } catch (RuntimeException e) {
            LOG.error("{} could not record the audit event of exchange '{}'", self.id(), request.getExchangeId(), e);
        }
    }

    private static String typeName(ResultResourceType type) {
        return switch (type) {
            case RESULT_RESOURCE_TYPE_DIAGNOSTIC_REPORT -> "DiagnosticReport";
            default -> "Observation";
        };
    }
}
