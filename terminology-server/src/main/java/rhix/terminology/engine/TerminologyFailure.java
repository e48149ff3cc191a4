package rhix.terminology.engine;

import org.hl7.fhir.r5.model.OperationOutcome;

/**
 * An operation that cannot answer with its normal result: the OperationOutcome (R5, as the engine writes it)
 * and the HTTP status the API should give it.
 */
public final class TerminologyFailure extends RuntimeException {

    private final transient OperationOutcome outcome;
    private final int httpStatus;

    public TerminologyFailure(int httpStatus, OperationOutcome outcome) {
        super(outcome.getIssueFirstRep().getDetails().getText());
        this.httpStatus = httpStatus;
        this.outcome = outcome;
    }

    /** A single-issue failure: {@code code} is an OperationOutcome issue type such as not-found or too-costly. */
    public static TerminologyFailure of(int httpStatus, OperationOutcome.IssueType code, String message) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(code).getDetails().setText(message);
        return new TerminologyFailure(httpStatus, outcome);
    }

    public OperationOutcome outcome() {
        return outcome;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
