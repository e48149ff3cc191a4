package rhix.policy;

import java.util.Objects;

/**
 * How one column is protected on release: a {@link Deidentification} method and, for
 * {@link Deidentification#GENERALISE} only, how far.
 */
public record Protection(Deidentification method, Generalisation generalisation) {

    public Protection {
        Objects.requireNonNull(method, "method is null");
        if (method == Deidentification.GENERALISE && generalisation == null) {
            throw new IllegalArgumentException("GENERALISE needs a generalisation (FINE or COARSE)");
        }
        if (method != Deidentification.GENERALISE && generalisation != null) {
            throw new IllegalArgumentException(method + " takes no generalisation, was " + generalisation);
        }
    }

    public static Protection of(Deidentification method) {
        return new Protection(method, null);
    }

    public static Protection generalise(Generalisation generalisation) {
        return new Protection(Deidentification.GENERALISE, generalisation);
    }

    /** True when the value leaves the node exactly as stored. */
    public boolean isClear() {
        return method == Deidentification.NONE;
    }

    @Override
    public String toString() {
        return generalisation == null ? method.name() : method + "(" + generalisation + ")";
    }
}
