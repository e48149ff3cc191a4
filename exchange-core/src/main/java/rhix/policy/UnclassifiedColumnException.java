package rhix.policy;

/**
 * A column nobody has classified. Such a column is never released: a new column in a view must be
 * classified in {@code policy/classification.json} before anyone can read it.
 */
public class UnclassifiedColumnException extends RuntimeException {

    private final ColumnRef column;

    public UnclassifiedColumnException(ColumnRef column) {
        super("column " + column + " is not classified (GB/T 39725-2020) and cannot be released:"
                + " add it to policy/classification.json");
        this.column = column;
    }

    public ColumnRef column() {
        return column;
    }
}
