package rhix.terminology.engine;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.hl7.fhir.r5.context.IWorkerContext;
import org.hl7.fhir.r5.model.CodeSystem;
import org.hl7.fhir.r5.model.OperationOutcome;
import org.hl7.fhir.r5.model.OperationOutcome.IssueType;
import org.hl7.fhir.r5.model.ValueSet;

/**
 * Tries a value set's {@code regex} filters on the codes of their code system under a time budget before the
 * core engine runs them. Java's regex engine backtracks exponentially on some patterns (nested quantifiers such as
 * {@code ((a+)+)+} against "aaaa…!") and a running match cannot be interrupted, so one request could hold a core for
 * minutes. Here each match reads its input through a {@link CharSequence} that throws once the budget is spent,
 * and the request is refused naming the filter and the code, as the tx-ecosystem suite's regex-bad tests allow.
 * A filter that finishes in time is left to the core engine, which then matches quickly too.
 */
final class RegexFilterGuard {

    /** Time for one request's regex filters over all the codes they apply to. */
    private static final long BUDGET_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private RegexFilterGuard() {
    }

    static void check(ValueSet valueSet, IWorkerContext worker) {
        if (valueSet == null || !valueSet.hasCompose()) {
            return;
        }
        long deadline = System.nanoTime() + BUDGET_NANOS;
        for (ValueSet.ConceptSetComponent include : valueSet.getCompose().getInclude()) {
            for (ValueSet.ConceptSetFilterComponent filter : include.getFilter()) {
                boolean onCodes = "code".equals(filter.getProperty()) || "concept".equals(filter.getProperty());
                if (!filter.hasOp() || !"regex".equals(filter.getOp().toCode()) || !filter.hasValue() || !onCodes || !include.hasSystem()) {
                    continue;
                }
                CodeSystem codeSystem = include.hasVersion() ? worker.fetchCodeSystem(include.getSystem(), include.getVersion(), null)
                        : worker.fetchCodeSystem(include.getSystem());
                if (codeSystem != null) {
                    tryOn(filter.getValue(), codeSystem.getConcept(), deadline);
                }
            }
        }
    }

    private static void tryOn(String regex, List<CodeSystem.ConceptDefinitionComponent> concepts, long deadline) {
        Pattern pattern;
        try {
            pattern = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            return; // the core engine words an invalid pattern
        }
        for (CodeSystem.ConceptDefinitionComponent concept : concepts) {
            try {
                pattern.matcher(new Deadline(concept.getCode(), deadline)).matches();
            } catch (Deadline.Passed e) {
                OperationOutcome outcome = new OperationOutcome();
                outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(IssueType.UNKNOWN).getDetails()
                        .setText("The regex filter '" + regex + "' took too long to evaluate against code '" + concept.getCode() + "'");
                throw new TerminologyFailure(422, outcome);
            }
            tryOn(regex, concept.getConcept(), deadline);
        }
    }

    /** A code read by the regex engine, which gives up once the deadline has passed. */
    private record Deadline(String text, long deadline) implements CharSequence {

        /** Thrown out of the regex engine: the only way to stop a running match. */
        static final class Passed extends RuntimeException {
            Passed() {
                super(null, null, false, false);
            }
        }

        @Override
        public char charAt(int index) {
            if (System.nanoTime() > deadline) {
                throw new Passed();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Deadline(text.substring(start, end), deadline);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
