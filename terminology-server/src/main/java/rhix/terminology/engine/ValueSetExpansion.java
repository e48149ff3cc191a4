package rhix.terminology.engine;

import org.hl7.fhir.r5.context.ExpansionOptions;
import org.hl7.fhir.r5.context.SimpleWorkerContext;
import org.hl7.fhir.r5.model.CodeType;
import org.hl7.fhir.r5.model.OperationOutcome;
import org.hl7.fhir.r5.model.OperationOutcome.IssueType;
import org.hl7.fhir.r5.model.Parameters;
import org.hl7.fhir.r5.model.ValueSet;
import org.hl7.fhir.r5.terminologies.expansion.ValueSetExpansionOutcome;

/**
 * {@code $expand}, the way the core library's TerminologyServiceTests drive its ValueSetExpander; the
 * expansion is capped at the configured size, beyond which the engine answers {@code too-costly}.
 */
final class ValueSetExpansion {

    private final SimpleWorkerContext worker;
    private final int maximumExpansionSize;

    ValueSetExpansion(SimpleWorkerContext worker, int maximumExpansionSize) {
        this.worker = worker;
        this.maximumExpansionSize = maximumExpansionSize;
    }

    ValueSet expand(Parameters p, String acceptLanguage) {
        ValueSet valueSet = valueSetOf(p);
        RegexFilterGuard.check(valueSet, worker);
        // The core engine files an expansion under the value set's URL; an inline one without a URL borrows a
        // temporary one, which the answer does not carry.
        String temporaryUrl = valueSet.hasUrl() ? null : "urn:uuid:" + java.util.UUID.randomUUID();
        if (temporaryUrl != null) {
            valueSet = valueSet.copy().setUrl(temporaryUrl);
        }
        boolean hierarchical = !p.hasParameter("excludeNested") || !p.getParameterBool("excludeNested");
        if (acceptLanguage != null && !p.hasParameter("displayLanguage")) {
            p.addParameter("displayLanguage", new CodeType(acceptLanguage));
        }
        ExpansionParameters.apply(worker, p);
        ValueSetExpansionOutcome outcome = worker.expandVS(new ExpansionOptions(false, hierarchical, maximumExpansionSize, false, null),
                valueSet, p, true);
        if (outcome.getValueset() != null) {
            ValueSet expanded = outcome.getValueset();
            int size = size(expanded.getExpansion().getContains());
            if (size > maximumExpansionSize) {
                // The core engine honours its own limits only on some paths; the server's limit holds on all.
                throw TerminologyFailure.of(422, IssueType.TOOCOSTLY, "The expansion of " + valueSet.getVersionedUrl() + " has " + size
                        + " concepts, more than this server's limit of " + maximumExpansionSize + "; page it with count and offset, or filter it");
            }
            if (!p.hasParameter("excludeNested")) {
                expanded.getExpansion().getParameter().removeIf(parameter -> "excludeNested".equals(parameter.getName()));
            }
            if (temporaryUrl != null && temporaryUrl.equals(expanded.getUrl())) {
                expanded.setUrl(null);
            }
            return expanded;
        }
        throw failure(outcome);
    }

    private static int size(java.util.List<ValueSet.ValueSetExpansionContainsComponent> contains) {
        int size = contains.size();
        for (ValueSet.ValueSetExpansionContainsComponent entry : contains) {
            size += size(entry.getContains());
        }
        return size;
    }

    private ValueSet valueSetOf(Parameters p) {
        if (p.getParameter("valueSet") != null && p.getParameter("valueSet").getResource() instanceof ValueSet inline) {
            return inline;
        }
        if (!p.hasParameter("url")) {
            throw TerminologyFailure.of(400, IssueType.INVALID, "$expand needs a url or a valueSet");
        }
        String url = p.getParameterValue("url").primitiveValue();
        String version = p.hasParameter("valueSetVersion") ? p.getParameterValue("valueSetVersion").primitiveValue() : null;
        ValueSet valueSet = version != null ? worker.fetchResource(ValueSet.class, url, version, null) : worker.fetchResource(ValueSet.class, url);
        if (valueSet == null) {
            OperationOutcome outcome = new OperationOutcome();
            OperationOutcome.OperationOutcomeIssueComponent issue = outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR)
                    .setCode(IssueType.NOTFOUND);
            issue.getDetails().addCoding("http://hl7.org/fhir/tools/CodeSystem/tx-issue-type", "not-found", null);
            issue.getDetails().setText("A definition for the value Set '" + (version != null ? url + "|" + version : url) + "' could not be found");
            throw new TerminologyFailure(404, outcome);
        }
        return valueSet;
    }

    /** The error classes mapped to issue types as the core library's test runner maps them. */
    private static TerminologyFailure failure(ValueSetExpansionOutcome outcome) {
        OperationOutcome oo = new OperationOutcome();
        if (outcome.getIssues() != null && !outcome.getIssues().isEmpty()) {
            oo.getIssue().addAll(outcome.getIssues());
        } else {
            OperationOutcome.OperationOutcomeIssueComponent issue = oo.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR);
            IssueType type = switch (outcome.getErrorClass() == null ? org.hl7.fhir.r5.terminologies.utilities.TerminologyServiceErrorClass.UNKNOWN
                    : outcome.getErrorClass()) {
                case BLOCKED_BY_OPTIONS -> IssueType.FORBIDDEN;
                case BUSINESS_RULE -> IssueType.BUSINESSRULE;
                case CODESYSTEM_UNSUPPORTED -> IssueType.CODEINVALID;
                case NOSERVICE -> IssueType.CONFLICT;
                case TOO_COSTLY -> IssueType.TOOCOSTLY;
                case PROCESSING -> IssueType.PROCESSING;
                case VALUESET_UNKNOWN -> IssueType.NOTFOUND;
                case VALUESET_UNSUPPORTED -> IssueType.NOTSUPPORTED;
                case INTERNAL_ERROR, SERVER_ERROR -> IssueType.EXCEPTION;
                default -> IssueType.UNKNOWN;
            };
            issue.setCode(type);
            // The tx-issue-type coding tells a client why, independent of the message's wording.
            if (type == IssueType.NOTFOUND || type == IssueType.CODEINVALID) {
                issue.getDetails().addCoding("http://hl7.org/fhir/tools/CodeSystem/tx-issue-type", "not-found", null);
            } else if (type == IssueType.PROCESSING || type == IssueType.BUSINESSRULE) {
                issue.getDetails().addCoding("http://hl7.org/fhir/tools/CodeSystem/tx-issue-type", "vs-invalid", null);
            }
            issue.getDetails().setText(outcome.getError());
        }
        IssueType first = oo.getIssueFirstRep().getCode();
        // The engine's refusals are the request's fault (4xx) unless it reports an internal or server error.
        boolean serverFault = outcome.getErrorClass() != null && (outcome.getErrorClass().name().equals("INTERNAL_ERROR")
                || outcome.getErrorClass().name().equals("SERVER_ERROR"));
        int status = first == IssueType.NOTFOUND ? 404 : first == IssueType.TOOCOSTLY ? 422 : serverFault ? 500 : 400;
        return new TerminologyFailure(status, oo);
    }
}
