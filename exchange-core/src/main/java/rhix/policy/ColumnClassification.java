package rhix.policy;

import java.util.Objects;

/**
 * One column's place in GB/T 39725-2020: its category, its sensitivity level and the kind of its
 * values (which decides how it can be de-identified and whether it identifies a person directly).
 */
public record ColumnClassification(ColumnRef column, DataCategory category, SensitivityLevel level, ValueKind kind) {

    public ColumnClassification {
        Objects.requireNonNull(column, "column is null");
        Objects.requireNonNull(category, "category is null");
        Objects.requireNonNull(level, "level is null");
        Objects.requireNonNull(kind, "kind is null");
    }

    public ColumnClassification(String view, String column, DataCategory category, SensitivityLevel level, ValueKind kind) {
        this(ColumnRef.of(view, column), category, level, kind);
    }

    public String view() {
        return column.view();
    }
}
