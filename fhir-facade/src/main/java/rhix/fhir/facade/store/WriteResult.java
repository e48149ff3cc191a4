package rhix.fhir.facade.store;

import java.util.List;

/** The answer of the store to a set of changes: all applied, or none and why. */
public sealed interface WriteResult {

    /** Every change applied, outcomes in the order of the changes. */
    record Applied(String batchId, List<ChangeOutcome> outcomes) implements WriteResult {
    }

    /** Nothing stored. */
    record Refused(Reason reason, List<WriteProblem> problems) implements WriteResult {
    }

    enum Reason {
        /** the content breaks a rule of the store: required element, resident ID, unresolved reference (422) */
        INVALID,
        /** a resource to delete is still referred to (409) */
        CONFLICT,
        /** an If-Match version or a conditional create no longer holds (412) */
        PRECONDITION_FAILED,
        /** the resource to change does not exist (404) */
        NOT_FOUND
    }

    /**
     * @param location   the change it concerns, e.g. {@code Bundle.entry[2]}
     * @param expression the FHIRPath of the offending element, when there is one
     */
    record WriteProblem(String location, String message, String expression) {
    }
}
