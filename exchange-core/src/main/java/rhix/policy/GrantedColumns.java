package rhix.policy;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The columns an approved data-use grant covers, and the protection the reviewers chose for some of
 * them; a granted column without a chosen protection gets its level's default.
 */
public record GrantedColumns(Set<ColumnRef> columns, Map<ColumnRef, Protection> chosenProtections) {

    public GrantedColumns {
        columns = Set.copyOf(Objects.requireNonNull(columns, "columns is null"));
        chosenProtections = Map.copyOf(Objects.requireNonNull(chosenProtections, "chosenProtections is null"));
        for (ColumnRef column : chosenProtections.keySet()) {
            if (!columns.contains(column)) {
                throw new IllegalArgumentException("a protection is chosen for " + column + ", which the grant does not cover");
            }
        }
    }

    /** A grant taking the default protection for every column. */
    public static GrantedColumns withDefaults(Set<ColumnRef> columns) {
        return new GrantedColumns(columns, Map.of());
    }
}
