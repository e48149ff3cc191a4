package rhix.fhir.facade.store;

/**
 * Resources to return next to the matches through a reference search parameter of {@code sourceType}:
 * an {@code _include} follows it from the matches, an {@code _revinclude} finds the resources whose
 * parameter points at the matches. A null target type follows references to any type.
 */
public record IncludeRequest(String sourceType, String parameter, String targetType, boolean reverse) {
}
