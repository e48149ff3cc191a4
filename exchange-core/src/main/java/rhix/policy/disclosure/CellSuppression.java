package rhix.policy.disclosure;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Small-cell suppression with secondary (complementary) suppression, for one aggregate table.
 *
 * <p><b>Primary.</b> A cell counting {@code 0 < size < k} persons is withheld. Cells of size 0 are never
 * in a table that comes from a group-by (a group with nobody in it does not exist), so a reader already sees
 * a missing group as "zero or withheld"; a zero-size cell passed here is treated as absent: never withheld,
 * and not part of any line.
 *
 * <p><b>Secondary.</b> The table is a cross-tabulation over its group keys, and a reader can usually learn
 * its margins (totals over fewer keys) from other queries. A <em>line</em> is the set of cells that share
 * all keys but one (for a one-key table, the whole table). A line with exactly one withheld cell gives that
 * cell away by subtraction from its margin, so, until nothing changes, for every line that has exactly one
 * withheld cell and more than one cell, the smallest published cell of that line is withheld too; ties go to
 * the cell whose key sorts first, and lines are visited in key order, so that the result depends on the cells
 * and not on the order in which they arrive (a node and the connector withhold the same cells of a table).
 *
 * <p>What this does not guarantee: a single-cell line equals its margin (a primary cell there is safe, since
 * its margin is then also under k and suppressed wherever it is published); combinations of several margins
 * can still narrow a withheld cell down to an interval (no linear-programming audit is run); and the
 * guarantee is per table, so two releases of overlapping tables are not checked against each other.
 */
public final class CellSuppression {

    /** k unless configured: cells under 10 persons are withheld. */
    public static final int DEFAULT_MINIMUM_CELL_SIZE = 10;
    /** The lowest k a view may configure; below 3, a cell and one's own knowledge identify the others. */
    public static final int LOWEST_MINIMUM_CELL_SIZE = 3;

    private static final Comparator<List<Object>> KEY_ORDER = CellSuppression::compareKeys;

    private final int minimumCellSize;

    public CellSuppression(int minimumCellSize) {
        if (minimumCellSize < LOWEST_MINIMUM_CELL_SIZE) {
            throw new IllegalArgumentException("the minimum cell size k must be at least " + LOWEST_MINIMUM_CELL_SIZE
                    + ", was " + minimumCellSize);
        }
        this.minimumCellSize = minimumCellSize;
    }

    public CellSuppression() {
        this(DEFAULT_MINIMUM_CELL_SIZE);
    }

    public int minimumCellSize() {
        return minimumCellSize;
    }

    /**
     * Which cells to withhold.
     *
     * @param cells one cell per distinct key, all keys of the same length (the group-by keys)
     * @throws IllegalArgumentException when keys differ in length or a key occurs twice
     */
    public SuppressionResult apply(List<Cell> cells) {
        Objects.requireNonNull(cells, "cells is null");
        int dimensions = checkKeys(cells);
        BitSet primary = new BitSet(cells.size());
        for (int i = 0; i < cells.size(); i++) {
            long size = cells.get(i).size();
            if (size > 0 && size < minimumCellSize) {
                primary.set(i);
            }
        }
        BitSet withheld = (BitSet) primary.clone();
        if (!primary.isEmpty()) {
            List<List<Integer>> lines = lines(cells, dimensions);
            boolean changed = true;
            while (changed) {
                changed = false;
                for (List<Integer> line : lines) {
                    if (line.size() > 1 && withheldIn(line, withheld) == 1) {
                        withheld.set(smallestPublished(line, withheld, cells));
                        changed = true;
                    }
                }
            }
        }
        BitSet secondary = (BitSet) withheld.clone();
        secondary.andNot(primary);
        return new SuppressionResult(primary, secondary);
    }

    private static int checkKeys(List<Cell> cells) {
        if (cells.isEmpty()) {
            return 0;
        }
        int dimensions = cells.getFirst().key().size();
        Set<List<Object>> seen = new HashSet<>();
        for (int i = 0; i < cells.size(); i++) {
            Cell cell = Objects.requireNonNull(cells.get(i), "cell " + i + " is null");
            if (cell.key().size() != dimensions) {
                throw new IllegalArgumentException("cell " + i + " has " + cell.key().size() + " key values, cell 0 has "
                        + dimensions + ": every cell of a table has one value per group-by key");
            }
            if (!seen.add(cell.key())) {
                throw new IllegalArgumentException("cell " + i + " repeats the key " + cell.key() + ": a table has one cell per key");
            }
        }
        return dimensions;
    }

    /**
     * Every line of the table with more than one cell: for each key position, the cells grouped by all the
     * other key values. Zero-size cells are left out (see the class comment).
     */
    private static List<List<Integer>> lines(List<Cell> cells, int dimensions) {
        List<List<Integer>> lines = new ArrayList<>();
        for (int free = 0; free < Math.max(dimensions, 1); free++) {
            // Sorted, so that lines are visited in an order that depends on the cells, not on their arrival.
            Map<List<Object>, List<Integer>> byFixedKeys = new TreeMap<>(KEY_ORDER);
            for (int i = 0; i < cells.size(); i++) {
                Cell cell = cells.get(i);
                if (cell.size() == 0) {
                    continue;
                }
                List<Object> fixed = new ArrayList<>(cell.key());
                if (dimensions > 0) {
                    fixed.remove(free);
                }
                byFixedKeys.computeIfAbsent(fixed, key -> new ArrayList<>()).add(i);
            }
            byFixedKeys.values().stream().filter(line -> line.size() > 1).forEach(lines::add);
        }
        return lines;
    }

    private static int withheldIn(List<Integer> line, BitSet withheld) {
        int count = 0;
        for (int index : line) {
            if (withheld.get(index)) {
                count++;
            }
        }
        return count;
    }

    private static int smallestPublished(List<Integer> line, BitSet withheld, List<Cell> cells) {
        Comparator<Integer> smallestFirst = Comparator.<Integer>comparingLong(index -> cells.get(index).size())
                .thenComparing(index -> cells.get(index).key(), KEY_ORDER);
        return line.stream()
                .filter(index -> !withheld.get(index))
                .min(smallestFirst)
                .orElseThrow(() -> new IllegalStateException("a line with one withheld cell and more than one cell has a published cell"));
    }

    /** Key order independent of arrival: value by value, nulls first, comparable values of one class naturally, else by text. */
    private static int compareKeys(List<Object> left, List<Object> right) {
        for (int i = 0; i < left.size(); i++) {
            int order = compareValues(left.get(i), right.get(i));
            if (order != 0) {
                return order;
            }
        }
        return 0;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareValues(Object left, Object right) {
        if (left == null || right == null) {
            return left == null ? (right == null ? 0 : -1) : 1;
        }
        if (left instanceof Comparable comparable && left.getClass() == right.getClass()) {
            return comparable.compareTo(right);
        }
        int byClass = left.getClass().getName().compareTo(right.getClass().getName());
        return byClass != 0 ? byClass : String.valueOf(left).compareTo(String.valueOf(right));
    }
}
