package rhix.fhir.facade.store;

/**
 * One key of a search's order ({@code _sort}): {@code _id}, {@code _lastUpdated} or a date parameter
 * of the type. Ascending dates sort by the earliest instant a resource covers, descending by the latest.
 */
public record SortOrder(String parameter, boolean descending) {
}
