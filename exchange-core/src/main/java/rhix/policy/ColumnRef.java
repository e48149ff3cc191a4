package rhix.policy;

import java.util.Objects;

/** A column of one of the platform's flattened views, e.g. {@code patient.resident_id}. */
public record ColumnRef(String view, String column) {

    public ColumnRef {
        Objects.requireNonNull(view, "view is null");
        Objects.requireNonNull(column, "column is null");
        if (view.isBlank() || column.isBlank()) {
            throw new IllegalArgumentException("view and column must not be blank: '" + view + "." + column + "'");
        }
    }

    public static ColumnRef of(String view, String column) {
        return new ColumnRef(view, column);
    }

    @Override
    public String toString() {
        return view + "." + column;
    }
}
