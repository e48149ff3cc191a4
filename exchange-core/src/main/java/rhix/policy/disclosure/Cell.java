package rhix.policy.disclosure;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One cell of an aggregate table: its group key values (in group-by order) and how many persons (or rows,
 * for views without a person key) it counts.
 *
 * <p>A key value may be {@code null}: SQL groups missing values together, and that group is a cell like any
 * other. The size is what disclosure control judges, not the aggregates the cell carries (a sum or an average
 * over two persons is as disclosive as their count).
 */
public record Cell(List<Object> key, long size) {

    public Cell {
        Objects.requireNonNull(key, "key is null");
        if (size < 0) {
            throw new IllegalArgumentException("a cell's size counts persons and cannot be negative, was " + size);
        }
        // List.copyOf refuses nulls, and a null group key is legitimate.
        key = Collections.unmodifiableList(new ArrayList<>(key));
    }
}
