package rhix.terminology.engine;

import java.io.IOException;
import org.hl7.fhir.r5.context.SimpleWorkerContext;
import org.hl7.fhir.r5.terminologies.expansion.ValueSetExpander;
import org.hl7.fhir.utilities.validation.ValidationOptions;

/**
 * The core library's worker context with this server's expansion limit: the core engine builds its expanders with
 * a fixed limit of 1,000 concepts and refuses anything larger, whatever the caller allows, so
 * {@code rhix.terminology.fhir.maximum-expansion-size} would otherwise not hold on the core engine's path.
 */
final class LimitedWorkerContext extends SimpleWorkerContext {

    private final int maximumExpansionSize;

    /** A copy of {@code other} (resources, settings) that expands up to {@code maximumExpansionSize} concepts. */
    LimitedWorkerContext(SimpleWorkerContext other, int maximumExpansionSize) throws IOException {
        super(other);
        this.maximumExpansionSize = maximumExpansionSize;
        setExpandCodesLimit(maximumExpansionSize);
    }

    @Override
    protected ValueSetExpander constructValueSetExpanderSimple(ValidationOptions options) {
        ValueSetExpander expander = super.constructValueSetExpanderSimple(options);
        expander.setMaxExpansionSize(maximumExpansionSize);
        return expander;
    }
}
