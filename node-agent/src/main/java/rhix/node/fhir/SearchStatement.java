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
 * One search as one SQL statement over {@code fhir_resource r}: an {@code EXISTS} over an index table per
 * criterion (all AND-ed; the values of an OR list inside the same {@code EXISTS}), a chain as an
 * {@code EXISTS} over the reference index joined to the target's index, and an {@code ORDER BY} that
 * always ends with the resource id so that pages are stable.
 */
record SearchStatement(String sql, List<Object> arguments) {

    SearchStatement {
        arguments = List.copyOf(arguments);
    }

    static SearchStatement of(String resourceType, List<SearchCriterion> criteria, List<SortOrder> order, int limit) {
        Builder builder = new Builder();
        builder.sql.append("SELECT r.resource_id FROM fhir_resource r WHERE r.resource_type = ? AND NOT r.deleted");
        builder.arguments.add(resourceType);
        for (SearchCriterion criterion : criteria) {
            builder.sql.append(" AND ");
            builder.condition(criterion);
        }
        builder.orderBy(order);
        builder.sql.append(" LIMIT ").append(limit);
        return new SearchStatement(builder.sql.toString(), builder.arguments);
    }

    private static final class Builder {
        private final StringBuilder sql = new StringBuilder();
        private final List<Object> arguments = new ArrayList<>();

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
                    if (token.system() != null) {
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
         * {@code _sort} keys, then the id. A date parameter sorts ascending by the earliest instant a resource
         * covers and descending by the latest (FHIR's rule for ranges); resources without one come last.
         */
        private void orderBy(List<SortOrder> order) {
            sql.append(" ORDER BY ");
            for (SortOrder key : order) {
                String direction = key.descending() ? " DESC" : " ASC";
                switch (key.parameter()) {
                    case "_id" -> sql.append("r.resource_id").append(direction);
                    case "_lastUpdated" -> sql.append("r.last_updated").append(direction);
                    default -> {
                        sql.append(key.descending()
                                ? "(SELECT max(coalesce(d.range_high, d.range_low))"
                                : "(SELECT min(coalesce(d.range_low, d.range_high))");
                        sql.append(" FROM fhir_search_date d WHERE d.resource_type = r.resource_type")
                                .append(" AND d.resource_id = r.resource_id AND d.param_name = ?)")
                                .append(direction).append(" NULLS LAST");
                        arguments.add(key.parameter());
                    }
                }
                sql.append(", ");
            }
            sql.append("r.resource_id");
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
