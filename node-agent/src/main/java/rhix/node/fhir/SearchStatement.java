package rhix.node.fhir;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import rhix.fhir.facade.store.SearchCriterion;
import rhix.fhir.facade.store.SortOrder;

/**
 * One search as SQL over {@code fhir_resource r}: an {@code EXISTS} over an index table per criterion (all
 * AND-ed; the values of an OR list inside the same {@code EXISTS}), a chain as an {@code EXISTS} over the
 * reference index joined to the target's index, and an {@code ORDER BY} that always ends with the resource
 * id so that pages are stable.
 *
 * <p>A search sorted first by a date parameter runs as two statements, {@link #parts()}: the resources with
 * that date, joined to the date index so that PostgreSQL can read them in index order and stop at the
 * limit, then, while the limit is not reached, those without it (FHIR puts them last). A correlated
 * sub-select per row instead costs seconds on a million Observations ({@code Observation?_sort=-date}).
 * Every indexed date parameter is a single element, so the join yields at most one row per resource.
 *
 * @param parts statements without {@code LIMIT}, run in order until the limit is reached
 */
record SearchStatement(List<Part> parts) {

    /** One SQL statement selecting resource ids, and its arguments. */
    record Part(String sql, List<Object> arguments) {
        Part {
            arguments = List.copyOf(arguments);
        }
    }

    SearchStatement {
        parts = List.copyOf(parts);
    }

    static SearchStatement of(String resourceType, List<SearchCriterion> criteria, List<SortOrder> order) {
        if (!order.isEmpty() && isDateParameter(order.getFirst())) {
            SortOrder date = order.getFirst();
            List<SortOrder> rest = order.subList(1, order.size());
            Builder dated = new Builder();
            dated.sql.append("SELECT r.resource_id FROM fhir_resource r JOIN fhir_search_date s ON s.resource_type = r.resource_type"
                    + " AND s.resource_id = r.resource_id AND s.param_name = ?");
            dated.arguments.add(date.parameter());
            dated.where(resourceType, criteria);
            // Ascending by the start of the range, descending by its end (an open end is the latest): the
            // direction of the date index, with the id in the same direction so the index gives the whole order.
            String direction = date.descending() ? " DESC" : " ASC";
            dated.sql.append(" ORDER BY ").append(date.descending() ? "s.range_high" : "s.range_low").append(direction)
                    .append(", ");
            dated.orderBy(rest, "s.resource_id" + direction);
            Builder undated = new Builder();
            undated.sql.append("SELECT r.resource_id FROM fhir_resource r");
            undated.where(resourceType, criteria);
            undated.sql.append(" AND NOT EXISTS (SELECT 1 FROM fhir_search_date s WHERE s.resource_type = r.resource_type"
                    + " AND s.resource_id = r.resource_id AND s.param_name = ?)");
            undated.arguments.add(date.parameter());
            undated.sql.append(" ORDER BY ");
            undated.orderBy(rest, "r.resource_id");
            return new SearchStatement(List.of(dated.part(), undated.part()));
        }
        Builder builder = new Builder();
        builder.sql.append("SELECT r.resource_id FROM fhir_resource r");
        builder.where(resourceType, criteria);
        builder.sql.append(" ORDER BY ");
        builder.orderBy(order, "r.resource_id");
        return new SearchStatement(List.of(builder.part()));
    }

    private static boolean isDateParameter(SortOrder key) {
        return !key.parameter().equals("_id") && !key.parameter().equals("_lastUpdated");
    }

    private static final class Builder {
        private final StringBuilder sql = new StringBuilder();
        private final List<Object> arguments = new ArrayList<>();

        private Part part() {
            return new Part(sql.toString(), arguments);
        }

        private void where(String resourceType, List<SearchCriterion> criteria) {
            sql.append(" WHERE r.resource_type = ? AND NOT r.deleted");
            arguments.add(resourceType);
            for (SearchCriterion criterion : criteria) {
                sql.append(" AND ");
                condition(criterion);
            }
        }

        /** The condition {@code criterion} puts on the row {@code r}. */
        private void condition(SearchCriterion criterion) {
            switch (criterion) {
                case SearchCriterion.Id id -> {
                    sql.append("r.resource_id = ?");
                    arguments.add(id.resourceId());
                }
                case SearchCriterion.LastUpdated updated ->
                        dateMatch("r.last_updated", "r.last_updated", false, updated.prefix(), updated.low(), updated.high());
                case SearchCriterion.Chained chained -> chained(chained);
                case SearchCriterion.AnyOf anyOf -> anyOf(anyOf);
                default -> {
                    indexedExists("r", criterion.parameter(), indexTable(criterion).orElseThrow());
                    valueMatch("i", criterion);
                    sql.append(')');
                }
            }
        }

        /** Comma-separated values: inside one EXISTS when they share an index table, otherwise OR-ed conditions. */
        private void anyOf(SearchCriterion.AnyOf anyOf) {
            Optional<String> table = indexTable(anyOf.alternatives().getFirst());
            boolean oneTable = table.isPresent()
                    && anyOf.alternatives().stream().allMatch(alternative -> indexTable(alternative).equals(table));
            if (oneTable) {
                indexedExists("r", anyOf.parameter(), table.get());
                sql.append('(');
                alternatives(anyOf, alternative -> valueMatch("i", alternative));
                sql.append("))");
            } else {
                sql.append('(');
                alternatives(anyOf, this::condition);
                sql.append(')');
            }
        }

        private void alternatives(SearchCriterion.AnyOf anyOf, java.util.function.Consumer<SearchCriterion> each) {
            for (int i = 0; i < anyOf.alternatives().size(); i++) {
                if (i > 0) {
                    sql.append(" OR ");
                }
                sql.append('(');
                each.accept(anyOf.alternatives().get(i));
                sql.append(')');
            }
        }

        /** A reference whose target's own index matches: the planner can start from the target's index. */
        private void chained(SearchCriterion.Chained chained) {
            indexedExists("r", chained.parameter(), "fhir_search_reference");
            if (chained.targetType() != null) {
                sql.append("i.target_type = ? AND ");
                arguments.add(chained.targetType());
            }
            SearchCriterion target = chained.targetCriterion();
            String table = indexTable(target).orElseThrow(
                    () -> new IllegalArgumentException("cannot chain to " + target));
            sql.append("EXISTS (SELECT 1 FROM ").append(table).append(" t WHERE t.resource_type = i.target_type")
                    .append(" AND t.resource_id = i.target_id AND t.param_name = ? AND ");
            arguments.add(target.parameter());
            valueMatch("t", target);
            sql.append("))");
        }

        /** Opens {@code EXISTS (SELECT 1 FROM table i WHERE <i belongs to r> AND i.param_name = ? AND }. */
        private void indexedExists(String row, String parameter, String table) {
            sql.append("EXISTS (SELECT 1 FROM ").append(table).append(" i WHERE i.resource_type = ").append(row)
                    .append(".resource_type AND i.resource_id = ").append(row).append(".resource_id AND i.param_name = ? AND ");
            arguments.add(parameter);
        }

        /** The condition on the index row {@code alias} for one value. */
        private void valueMatch(String alias, SearchCriterion criterion) {
            switch (criterion) {
                case SearchCriterion.Token token -> {
                    sql.append(alias).append(".token_code = ?");
                    arguments.add(token.code());
                    if (token.system() != null && token.system().isEmpty()) {
                        sql.append(" AND ").append(alias).append(".token_system IS NULL");
                    } else if (token.system() != null) {
                        sql.append(" AND ").append(alias).append(".token_system = ?");
                        arguments.add(token.system());
                    }
                }
                case SearchCriterion.Reference reference -> {
                    sql.append(alias).append(".target_id = ?");
                    arguments.add(reference.targetId());
                    if (reference.targetType() != null) {
                        sql.append(" AND ").append(alias).append(".target_type = ?");
                        arguments.add(reference.targetType());
                    }
                }
                case SearchCriterion.Date date -> dateMatch(alias + ".range_low", alias + ".range_high", true,
                        date.prefix(), date.low(), date.high());
                case SearchCriterion.TextStartsWith text -> {
                    sql.append(alias).append(".value_normalized LIKE ? ESCAPE '\\'");
                    arguments.add(likeEscaped(text.normalizedPrefix()) + "%");
                }
                case SearchCriterion.TextContains text -> {
                    sql.append(alias).append(".value_normalized LIKE ? ESCAPE '\\'");
                    arguments.add("%" + likeEscaped(text.normalizedPart()) + "%");
                }
                default -> throw new IllegalArgumentException(criterion + " is not a value of an index table");
            }
        }

        /** FHIR date prefixes compare the resource's range with the search value's range; open ends are null. */
        private void dateMatch(String lowColumn, String highColumn, boolean openEnded, SearchCriterion.DatePrefix prefix,
                               Instant low, Instant high) {
            switch (prefix) {
                case EQ -> {
                    sql.append(lowColumn).append(" >= ? AND ").append(highColumn).append(" <= ?");
                    arguments.add(at(low));
                    arguments.add(at(high));
                }
                case GE -> bound(highColumn, openEnded, " >= ?", low);
                case GT -> bound(highColumn, openEnded, " > ?", high);
                case LE -> bound(lowColumn, openEnded, " <= ?", high);
                case LT -> bound(lowColumn, openEnded, " < ?", low);
            }
        }

        private void bound(String column, boolean openEnded, String comparison, Instant value) {
            if (openEnded) {
                sql.append('(').append(column).append(" IS NULL OR ").append(column).append(comparison).append(')');
            } else {
                sql.append(column).append(comparison);
            }
            arguments.add(at(value));
        }

        /**
         * {@code _sort} keys, then {@code lastKey} (the id). A date parameter after the first key sorts
         * ascending by the start of its range and descending by its end; resources without one come last.
         */
        private void orderBy(List<SortOrder> order, String lastKey) {
            for (SortOrder key : order) {
                String direction = key.descending() ? " DESC" : " ASC";
                switch (key.parameter()) {
                    case "_id" -> sql.append("r.resource_id").append(direction);
                    case "_lastUpdated" -> sql.append("r.last_updated").append(direction);
                    default -> {
                        sql.append(key.descending() ? "(SELECT max(d.range_high)" : "(SELECT min(d.range_low)");
                        sql.append(" FROM fhir_search_date d WHERE d.resource_type = r.resource_type")
                                .append(" AND d.resource_id = r.resource_id AND d.param_name = ?)")
                                .append(direction).append(" NULLS LAST");
                        arguments.add(key.parameter());
                    }
                }
                sql.append(", ");
            }
            sql.append(lastKey);
        }

        private static Optional<String> indexTable(SearchCriterion criterion) {
            return Optional.ofNullable(switch (criterion) {
                case SearchCriterion.Token ignored -> "fhir_search_token";
                case SearchCriterion.Reference ignored -> "fhir_search_reference";
                case SearchCriterion.Date ignored -> "fhir_search_date";
                case SearchCriterion.TextStartsWith ignored -> "fhir_search_string";
                case SearchCriterion.TextContains ignored -> "fhir_search_string";
                default -> null;
            });
        }

        private static String likeEscaped(String text) {
            return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        }

        private static OffsetDateTime at(Instant instant) {
            return instant.atOffset(ZoneOffset.UTC);
        }
    }
}
