package rhix.policy.disclosure;

import java.util.BitSet;
import java.util.Objects;

/**
 * Which cells of a table (by their index in the list given to {@link CellSuppression#apply}) are withheld:
 * {@code primary} because they count fewer than k persons, {@code secondary} because, left alone, a primary
 * cell could be recovered from margins. The two sets are disjoint. The bit sets are copied in and out, so a
 * result cannot be changed after the fact.
 */
public record SuppressionResult(BitSet primary, BitSet secondary) {

    public SuppressionResult {
        Objects.requireNonNull(primary, "primary is null");
        Objects.requireNonNull(secondary, "secondary is null");
        if (primary.intersects(secondary)) {
            throw new IllegalArgumentException("a cell is withheld either as primary or as secondary, not both");
        }
        primary = (BitSet) primary.clone();
        secondary = (BitSet) secondary.clone();
    }

    @Override
    public BitSet primary() {
        return (BitSet) primary.clone();
    }

    @Override
    public BitSet secondary() {
        return (BitSet) secondary.clone();
    }

    /** Whether the cell at {@code cellIndex} must not be published (its size and every aggregate it carries). */
    public boolean withheld(int cellIndex) {
        return primary.get(cellIndex) || secondary.get(cellIndex);
    }

    public int withheldCount() {
        return primary.cardinality() + secondary.cardinality();
    }
}
