package rhix.fhir.facade.write;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.Transaction;
import ca.uhn.fhir.rest.annotation.TransactionParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.PayloadTooLargeException;
import java.util.Date;
import java.util.List;
import java.util.function.Function;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import rhix.fhir.facade.audit.WrittenResources;
import rhix.fhir.facade.store.ChangeOutcome;
import rhix.fhir.facade.store.ResourceRepository;
import rhix.fhir.facade.store.WriteResult;

/**
 * {@code POST [base]} with a Bundle: a {@code transaction} is applied as one store transaction (all
 * entries or none, the first failure's status and OperationOutcome otherwise); a {@code batch} applies
 * each entry on its own and reports each entry's status. Entries may create (POST, with
 * {@code ifNoneExist=identifier=…}), update (PUT, with {@code ifMatch}) and delete (DELETE).
 */
public final class TransactionProvider {

    private final FhirContext fhirContext;
    private final ResourceRepository repository;
    private final ResourceWrites writes;
    private final int maximumEntries;
    private final Function<RequestDetails, String> writerOf;

    /**
     * @param maximumEntries a larger Bundle is refused with 413 before anything is checked
     * @param writerOf       who the request writes as, recorded as the producer of what it stores
     */
    public TransactionProvider(FhirContext fhirContext, ResourceRepository repository, int maximumEntries,
                               Function<RequestDetails, String> writerOf) {
        this.fhirContext = fhirContext;
        this.repository = repository;
        this.writes = new ResourceWrites(fhirContext, repository);
        this.maximumEntries = maximumEntries;
        this.writerOf = writerOf;
    }

    @Transaction
    public Bundle transaction(@TransactionParam Bundle bundle, RequestDetails request) {
        if (bundle.getEntry().size() > maximumEntries) {
            throw new PayloadTooLargeException("the Bundle has " + bundle.getEntry().size() + " entries; this node takes at most "
                    + maximumEntries + " per transaction or batch: split it");
        }
        String writer = writerOf.apply(request);
        return switch (bundle.getType()) {
            case TRANSACTION -> transaction(bundle, writer, request);
            case BATCH -> batch(bundle, writer, request);
            case null -> throw new InvalidRequestException("Bundle.type is required: transaction or batch");
            default -> throw new InvalidRequestException("Bundle.type must be transaction or batch, not " + bundle.getType().toCode());
        };
    }

    private Bundle transaction(Bundle bundle, String writer, RequestDetails request) {
        BundlePlan plan = BundlePlan.of(fhirContext, writes, bundle.getEntry(), 0);
        List<ChangeOutcome> applied = switch (repository.apply(plan.changes(), writer)) {
            case WriteResult.Applied done -> done.outcomes();
            case WriteResult.Refused refused -> throw WriteRefusals.toException(fhirContext, refused);
        };
        Bundle response = new Bundle().setType(Bundle.BundleType.TRANSACTIONRESPONSE);
        List<ChangeOutcome> outcomes = plan.outcomesInEntryOrder(applied);
        outcomes.forEach(outcome -> response.addEntry().setResponse(responseOf(outcome)));
        applied.forEach(outcome -> WrittenResources.note(request, ResourceWrites.versioned(outcome)));
        return response;
    }

    private Bundle batch(Bundle bundle, String writer, RequestDetails request) {
        Bundle response = new Bundle().setType(Bundle.BundleType.BATCHRESPONSE);
        for (int i = 0; i < bundle.getEntry().size(); i++) {
            Bundle.BundleEntryResponseComponent entryResponse;
            try {
                BundlePlan plan = BundlePlan.of(fhirContext, writes, List.of(bundle.getEntry().get(i)), i);
                entryResponse = switch (repository.apply(plan.changes(), writer)) {
                    case WriteResult.Applied done -> {
                        done.outcomes().forEach(outcome -> WrittenResources.note(request, ResourceWrites.versioned(outcome)));
                        yield responseOf(plan.outcomesInEntryOrder(done.outcomes()).getFirst());
                    }
                    case WriteResult.Refused refused -> failure(WriteRefusals.toException(fhirContext, refused));
                };
            } catch (BaseServerResponseException e) {
                entryResponse = failure(e);
            }
            response.addEntry().setResponse(entryResponse);
        }
        return response;
    }

    private static Bundle.BundleEntryResponseComponent responseOf(ChangeOutcome outcome) {
        Bundle.BundleEntryResponseComponent response = new Bundle.BundleEntryResponseComponent()
                .setStatus(switch (outcome.kind()) {
                    case CREATED -> "201 Created";
                    case DELETED, ALREADY_DELETED -> "204 No Content";
                    case UPDATED, UNCHANGED, MATCHED -> "200 OK";
                })
                .setEtag("W/\"" + outcome.versionId() + "\"");
        if (outcome.kind() != ChangeOutcome.Kind.DELETED && outcome.kind() != ChangeOutcome.Kind.ALREADY_DELETED) {
            response.setLocation(ResourceWrites.versioned(outcome).getValue());
        }
        if (outcome.lastUpdated() != null) {
            response.setLastModified(Date.from(outcome.lastUpdated()));
        }
        return response;
    }

    private static Bundle.BundleEntryResponseComponent failure(BaseServerResponseException e) {
        OperationOutcome outcome = e.getOperationOutcome() instanceof OperationOutcome given ? given : new OperationOutcome();
        if (outcome.getIssue().isEmpty()) {
            outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(OperationOutcome.IssueType.PROCESSING)
                    .setDiagnostics(e.getMessage());
        }
        return new Bundle.BundleEntryResponseComponent().setStatus(e.getStatusCode() + " " + reasonPhrase(e.getStatusCode()))
                .setOutcome(outcome);
    }

    private static String reasonPhrase(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 409 -> "Conflict";
            case 412 -> "Precondition Failed";
            case 422 -> "Unprocessable Entity";
            default -> "Error";
        };
    }
}
