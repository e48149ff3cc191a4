package rhix.node.query;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One view as the query service sees it.
 *
 * @param name               the view's name, a Trino table ({@code lab_result})
 * @param family             its family, a Trino schema ({@code clinical}, {@code registered})
 * @param resourceType       the FHIR resource type its ViewDefinition reads
 * @param relation           the SQL relation (table or SQL view) in the node's store with one row per view row and
 *                           one SQL column per {@link QueryableColumn}, named as the column
 * @param columns            in the ViewDefinition's order
 * @param minimumCellSize    k for statistics over this view: 10 by default, never below 3
 * @param viewDefinitionJson the ViewDefinition as registered
 */
public record QueryableView(String name, String family, String resourceType, String relation,
                            List<QueryableColumn> columns, int minimumCellSize, String viewDefinitionJson) {

    public static final int DEFAULT_MINIMUM_CELL_SIZE = 10;
    public static final int LOWEST_MINIMUM_CELL_SIZE = 3;

    public QueryableView {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(family, "family is null");
        Objects.requireNonNull(resourceType, "resourceType is null");
        Objects.requireNonNull(relation, "relation is null");
        columns = List.copyOf(columns);
        Objects.requireNonNull(viewDefinitionJson, "viewDefinitionJson is null");
        if (minimumCellSize < LOWEST_MINIMUM_CELL_SIZE) {
            throw new IllegalArgumentException("minimum cell size of view " + name + " is " + minimumCellSize
                    + "; it may not be below " + LOWEST_MINIMUM_CELL_SIZE);
        }
    }

    public Optional<QueryableColumn> column(String columnName) {
        return columns.stream().filter(column -> column.name().equals(columnName)).findFirst();
    }

    /** The column holding the MPI enterprise person id, if the view has one. */
    public Optional<QueryableColumn> personKey() {
        return columns.stream().filter(QueryableColumn::personKey).findFirst();
    }
}
