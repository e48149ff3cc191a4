package rhix.node.ingest;

import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import rhix.node.store.ResourceKey;

/**
 * Why one resource (or the payload itself) cannot be ingested.
 *
 * @param location   where in the payload, e.g. {@code line 17} or {@code Bundle.entry[3]}
 * @param resource   the resource, when its type and id are known; null for unparseable input
 * @param issueType  the FHIR issue type the OperationOutcome carries
 * @param expression the FHIRPath of the offending element, when there is one
 */
public record IngestProblem(String location, ResourceKey resource, IssueType issueType, String message,
                            String expression) {

    public static IngestProblem of(IncomingResource incoming, IssueType issueType, String message, String expression) {
        return new IngestProblem(incoming.location(), incoming.key(), issueType, message, expression);
    }

    /** One line a person can act on: where, which resource, what is wrong. */
    public String describe() {
        String subject = resource == null ? location : resource + " (" + location + ")";
        return subject + ": " + message;
    }
}
