package rhix.policy;

import java.util.Objects;

/** A requested column that may not be released, and why. */
public record RefusedColumn(ColumnRef column, Reason reason, String detail) {

    public enum Reason {
        /** Nobody classified the column: it is not releasable at all. */
        UNCLASSIFIED,
        /** The purpose does not need data of the column's GB/T 39725 category (a clinician and payment data). */
        CATEGORY_NOT_NEEDED,
        /** Research reads only what an approved grant covers. */
        NOT_IN_GRANT,
        /** The grant chose a method that does not apply to the column's kind. */
        METHOD_NOT_APPLICABLE,
        /** The grant chose a form the recipient can read in clear (NONE, ENCRYPT) for an L5 column or a direct identifier. */
        CLEAR_NOT_ALLOWED,
        /** Public health receives aggregates, never rows. */
        ROWS_NOT_RELEASED,
        /** The column cannot group an aggregate: it identifies a person, or the purpose gets it suppressed or per person. */
        NOT_A_GROUPING_KEY
    }

    public RefusedColumn {
        Objects.requireNonNull(column, "column is null");
        Objects.requireNonNull(reason, "reason is null");
        Objects.requireNonNull(detail, "detail is null");
    }

    @Override
    public String toString() {
        return column + " (" + reason + ": " + detail + ")";
    }
}
