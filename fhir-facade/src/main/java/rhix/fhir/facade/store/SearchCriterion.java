package rhix.fhir.facade.store;

import java.time.Instant;
import java.util.List;

/** One AND-ed condition of a search, already in the store's terms (parameter name, index values). */
public sealed interface SearchCriterion {

    String parameter();

    /**
     * A coded value or identifier; a null system matches any system, an empty one only values without a
     * system ({@code |code}).
     */
    record Token(String parameter, String system, String code) implements SearchCriterion {
    }

    /** A reference to {@code targetType/targetId}; a null type matches any type. */
    record Reference(String parameter, String targetType, String targetId) implements SearchCriterion {
    }

    /** A date with its FHIR prefix, over the instant range the search value covers at its precision. */
    record Date(String parameter, DatePrefix prefix, Instant low, Instant high) implements SearchCriterion {
    }

    /** The case- and accent-insensitive start of a string value. */
    record TextStartsWith(String parameter, String normalizedPrefix) implements SearchCriterion {
    }

    /** A case- and accent-insensitive part of a string value ({@code :contains}). */
    record TextContains(String parameter, String normalizedPart) implements SearchCriterion {
    }

    /** The logical id ({@code _id}). */
    record Id(String resourceId) implements SearchCriterion {
        @Override
        public String parameter() {
            return "_id";
        }
    }

    /** When the current version was stored ({@code _lastUpdated}), with a FHIR prefix. */
    record LastUpdated(DatePrefix prefix, Instant low, Instant high) implements SearchCriterion {
        @Override
        public String parameter() {
            return "_lastUpdated";
        }
    }

    /**
     * A reference whose target matches {@code targetCriterion} ({@code subject:Patient.identifier=s|v}):
     * one level of chaining; a null target type follows the reference to any type.
     */
    record Chained(String parameter, String targetType, SearchCriterion targetCriterion) implements SearchCriterion {
        public Chained {
            if (targetCriterion instanceof Chained) {
                throw new IllegalArgumentException("only one level of chaining is supported");
            }
        }
    }

    /** Any of the alternatives of one parameter: a comma-separated value list ({@code code=a,b}). */
    record AnyOf(String parameter, List<SearchCriterion> alternatives) implements SearchCriterion {
        public AnyOf {
            alternatives = List.copyOf(alternatives);
            if (alternatives.isEmpty()) {
                throw new IllegalArgumentException("no alternatives for " + parameter);
            }
            for (SearchCriterion alternative : alternatives) {
                if (!alternative.parameter().equals(parameter) || alternative instanceof AnyOf) {
                    throw new IllegalArgumentException(alternative + " is not an alternative value of " + parameter);
                }
            }
        }
    }

    enum DatePrefix { EQ, GE, GT, LE, LT }
}
