package rhix.fhir.facade.write;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.StringType;
import rhix.fhir.facade.store.WriteResult;

/** Turns the store's refusal into the HTTP error FHIR prescribes, with one OperationOutcome issue per problem. */
final class WriteRefusals {

    private WriteRefusals() {
    }

    static BaseServerResponseException toException(FhirContext fhirContext, WriteResult.Refused refused) {
        OperationOutcome outcome = outcome(refused);
        String message = refused.problems().isEmpty() ? refused.reason().name()
                : refused.problems().getFirst().location() + ": " + refused.problems().getFirst().message()
                + (refused.problems().size() > 1 ? " (and " + (refused.problems().size() - 1) + " more)" : "");
        return switch (refused.reason()) {
            case INVALID -> new UnprocessableEntityException(message, outcome);
            case CONFLICT -> new ResourceVersionConflictException(message, outcome);
            case PRECONDITION_FAILED -> new PreconditionFailedException(message, outcome);
            case NOT_FOUND -> new ResourceNotFoundException(message, outcome);
        };
    }

    static OperationOutcome outcome(WriteResult.Refused refused) {
        OperationOutcome outcome = new OperationOutcome();
        OperationOutcome.IssueType code = switch (refused.reason()) {
            case INVALID -> OperationOutcome.IssueType.INVALID;
            case CONFLICT -> OperationOutcome.IssueType.CONFLICT;
            case PRECONDITION_FAILED -> OperationOutcome.IssueType.CONFLICT;
            case NOT_FOUND -> OperationOutcome.IssueType.NOTFOUND;
        };
        for (WriteResult.WriteProblem problem : refused.problems()) {
            OperationOutcome.OperationOutcomeIssueComponent issue = outcome.addIssue()
                    .setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(code)
                    .setDiagnostics(problem.location() + ": " + problem.message());
            if (problem.expression() != null) {
                issue.setExpression(List.of(new StringType(problem.expression())));
            }
        }
        return outcome;
    }
}
