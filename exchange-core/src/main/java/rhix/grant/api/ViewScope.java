package rhix.grant.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** One flattened view (a SQL-on-FHIR ViewDefinition, e.g. {@code lab_result}) and the columns asked for from it. */
public record ViewScope(String view, List<ColumnScope> columns) {

    public ViewScope {
        // Copied, not List.copyOf: a missing column must reach the command handler to be reported by name.
        columns = columns == null ? null : Collections.unmodifiableList(new ArrayList<>(columns));
    }
}
