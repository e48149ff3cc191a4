package rhix.fhir.facade.store;

import java.time.Instant;

/** One AND-ed condition of a search, already in the store's terms (parameter name, index values). */
public sealed interface SearchCriterion {

    String parameter();

    /** A coded value or identifier; a null system matches any system. */
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

    /** The logical id ({@code _id}). */
    record Id(String resourceId) implements SearchCriterion {
        @Override
        public String parameter() {
            return "_id";
        }
    }

    enum DatePrefix { EQ, GE, GT, LE, LT }
}
