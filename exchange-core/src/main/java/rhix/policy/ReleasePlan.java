package rhix.policy;

import java.util.List;
import java.util.Objects;

/**
 * What {@link MinimumNecessary} lets leave a node for one request: the requested columns, each with
 * its protection, and whether rows or only aggregates (the columns then being grouping keys) leave.
 */
public record ReleasePlan(PurposeOfUse purpose, String view, Shape shape, List<ColumnRelease> columns) {

    public enum Shape {
        /** Row-level data, each column protected. */
        ROWS,
        /** Aggregates only: the columns are grouping keys; counts are disclosure-controlled at the node. */
        AGGREGATES
    }

    public ReleasePlan {
        Objects.requireNonNull(purpose, "purpose is null");
        Objects.requireNonNull(view, "view is null");
        Objects.requireNonNull(shape, "shape is null");
        columns = List.copyOf(columns);
    }

    /** The protection of a column in this plan; refused for a column the plan does not release. */
    public Protection protectionOf(String column) {
        return columns.stream().filter(release -> release.column().column().equals(column)).findFirst()
                .map(ColumnRelease::protection)
                .orElseThrow(() -> new IllegalArgumentException(view + "." + column + " is not in this release plan"));
    }
}
