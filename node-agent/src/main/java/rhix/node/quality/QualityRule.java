package rhix.node.quality;

import java.util.List;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * A documented check of ingested data. Each rule names its dimension and the resource type it
 * reads; {@link #check} returns the element path and message of each violation.
 */
public record QualityRule(String id, QualityDimension dimension, FindingSeverity severity, String resourceType,
                          String description, Check check) {

    @FunctionalInterface
    public interface Check {
        List<Violation> violations(IBaseResource resource, QualityContext context);
    }

    /**
     * Where and what, for one violation of a rule.
     *
     * @param subject what the violation is about when that is worth grouping by (e.g. {@code system|code} of an
     *                unmapped local code), else null
     */
    public record Violation(String elementPath, String message, String subject) {

        public Violation(String elementPath, String message) {
            this(elementPath, message, null);
        }

        public static List<Violation> when(boolean violated, String elementPath, String message) {
            return violated ? List.of(new Violation(elementPath, message)) : List.of();
        }

        public static List<Violation> of(Optional<Violation> violation) {
            return violation.stream().toList();
        }
    }
}
