package rhix.node.query;

import java.util.Objects;
import rhix.api.query.v1.ColumnType;

/**
 * One column of a {@link QueryableView}, with what disclosure control needs to know of it.
 *
 * @param identifying      identifies a person or record: never a statistics group key, nor under min/max
 * @param personKey        holds the MPI enterprise person id (count DISTINCT over it is exact across nodes)
 * @param category         GB/T 39725-2020 category, as the classification catalog has it
 * @param sensitivityLevel GB/T 39725-2020 level (L1..L5)
 */
public record QueryableColumn(String name, ColumnType type, String description, boolean identifying,
                              boolean personKey, String category, String sensitivityLevel) {

    public QueryableColumn {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(type, "type is null");
        description = description == null ? "" : description;
        category = category == null ? "" : category;
        sensitivityLevel = sensitivityLevel == null ? "" : sensitivityLevel;
    }
}
