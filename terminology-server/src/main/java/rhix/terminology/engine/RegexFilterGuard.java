package rhix.terminology.engine;

import java.util.regex.Pattern;
import org.hl7.fhir.r5.model.OperationOutcome.IssueType;
import org.hl7.fhir.r5.model.ValueSet;

/**
 * Refuses value sets whose {@code regex} filters nest quantifiers (such as {@code (a+)+}): Java's regex
 * engine backtracks exponentially on them and cannot be interrupted, so one request could hold a core for
 * minutes. Refusing is what the suite's regex-bad tests allow ("servers have the option to refuse").
 */
final class RegexFilterGuard {

    /** A group that holds a quantifier and is itself quantified. */
    private static final Pattern NESTED_QUANTIFIER = Pattern.compile("\\([^()]*[+*}][^()]*\\)[+*{]");

    private RegexFilterGuard() {
    }

    static void check(ValueSet valueSet) {
        if (valueSet == null || !valueSet.hasCompose()) {
            return;
        }
        for (ValueSet.ConceptSetComponent include : valueSet.getCompose().getInclude()) {
            for (ValueSet.ConceptSetFilterComponent filter : include.getFilter()) {
                if (filter.hasOp() && "regex".equals(filter.getOp().toCode()) && filter.hasValue()
                        && NESTED_QUANTIFIER.matcher(filter.getValue()).find()) {
                    throw TerminologyFailure.of(422, IssueType.TOOCOSTLY, "The regex filter '" + filter.getValue()
                            + "' nests quantifiers, which can take exponential time to evaluate; this server refuses it");
                }
            }
        }
    }
}
