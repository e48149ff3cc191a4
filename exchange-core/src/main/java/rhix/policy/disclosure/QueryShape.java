package rhix.policy.disclosure;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.Collections;

/**
 * What makes two statistics queries "near-identical": same view, group-by keys, aggregates and filtered
 * columns; only the filter literals differ. {@code count(*) … WHERE age < 40} and
 * {@code count(*) … WHERE age < 41} have the same shape, and their difference is exactly the persons aged 40.
 *
 * @param view       the view queried
 * @param groupBy    the group-by columns
 * @param aggregates the aggregates, as canonical text (e.g. {@code count(*)}, {@code avg(value)})
 * @param filters    filtered column → canonical text of its domain (e.g. {@code [0, 40)}); the text is kept for
 *                   the audit trail but does not enter the {@link #similarityKey()}
 */
public record QueryShape(String view, List<String> groupBy, List<String> aggregates, SortedMap<String, String> filters) {

    public QueryShape {
        Objects.requireNonNull(view, "view is null");
        groupBy = List.copyOf(Objects.requireNonNull(groupBy, "groupBy is null"));
        aggregates = List.copyOf(Objects.requireNonNull(aggregates, "aggregates is null"));
        Objects.requireNonNull(filters, "filters is null");
        TreeMap<String, String> naturallyOrdered = new TreeMap<>();
        filters.forEach((column, domain) -> naturallyOrdered.put(
                Objects.requireNonNull(column, "a filtered column is null"),
                Objects.requireNonNull(domain, "the domain of filtered column " + column + " is null")));
        filters = Collections.unmodifiableSortedMap(naturallyOrdered);
    }

    /**
     * The shape without its literals: view, group-by keys, aggregates and the <em>names</em> of the filtered
     * columns. Names are lower-cased (SQL identifiers are case-insensitive) and the group-by keys and aggregates
     * are sorted, since reordering them gives the same table; each part is length-prefixed so that no name can
     * run into the next.
     */
    public String similarityKey() {
        StringBuilder key = new StringBuilder();
        append(key, "view", List.of(view));
        append(key, "group", groupBy.stream().map(QueryShape::normalise).sorted().toList());
        append(key, "agg", aggregates.stream().map(QueryShape::normalise).sorted().toList());
        append(key, "filter", filters.keySet().stream().map(QueryShape::normalise).sorted().toList());
        return key.toString();
    }

    private static String normalise(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    private static void append(StringBuilder key, String part, List<String> names) {
        key.append(part).append('[');
        for (String name : names) {
            String normalised = normalise(name);
            key.append(normalised.length()).append(':').append(normalised);
        }
        key.append(']');
    }
}
