package rhix.policy;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A release refused by {@link MinimumNecessary}, naming every column that was not allowed, so that a
 * requester can fix the request in one go. Nothing of a refused request is released: a request is
 * granted whole or not at all.
 */
public class ReleaseRefusedException extends RuntimeException {

    private final PurposeOfUse purpose;
    private final List<RefusedColumn> refusedColumns;

    public ReleaseRefusedException(PurposeOfUse purpose, String view, String why, List<RefusedColumn> refusedColumns) {
        super("release of " + view + " for " + purpose + " refused: " + why + "; "
                + refusedColumns.stream().map(RefusedColumn::toString).collect(Collectors.joining("; ")));
        this.purpose = purpose;
        this.refusedColumns = List.copyOf(refusedColumns);
    }

    public PurposeOfUse purpose() {
        return purpose;
    }

    public List<RefusedColumn> refusedColumns() {
        return refusedColumns;
    }
}
