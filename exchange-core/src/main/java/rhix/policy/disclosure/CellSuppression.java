package rhix.policy.disclosure;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.IntStream;

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
 * the cell whose key sorts first, and lines are visited in the order of their first cell's key, so that the
 * result depends on the cells and not on the order in which they arrive: the same table gives the same
 * withheld cells wherever it is suppressed.
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
            int[] byKey = indexesInKeyOrder(cells);
            protectLines(cells, byKey, lines(cells, byKey, dimensions), withheld);
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

    /** Cell indexes sorted by key: the order of cells that does not depend on their arrival. */
    private static int[] indexesInKeyOrder(List<Cell> cells) {
        return IntStream.range(0, cells.size()).boxed()
                .sorted(Comparator.comparing(index -> cells.get(index).key(), KEY_ORDER))
                .mapToInt(Integer::intValue)
                .toArray();
    }

    /**
     * Every line of the table with more than one cell: for each key position, the cells grouped by all the
     * other key values. Cells are taken in key order, so lines come in the order of their first cell's key
     * and list their cells in key order. Zero-size cells are left out (see the class comment).
     */
    private static List<int[]> lines(List<Cell> cells, int[] byKey, int dimensions) {
        List<int[]> lines = new ArrayList<>();
        for (int free = 0; free < Math.max(dimensions, 1); free++) {
            Map<List<Object>, List<Integer>> byFixedKeys = new LinkedHashMap<>();
            for (int index : byKey) {
                Cell cell = cells.get(index);
                if (cell.size() == 0) {
                    continue;
                }
                List<Object> fixed = new ArrayList<>(cell.key());
                if (dimensions > 0) {
                    fixed.remove(free);
                }
                byFixedKeys.computeIfAbsent(fixed, key -> new ArrayList<>()).add(index);
            }
            for (List<Integer> line : byFixedKeys.values()) {
                if (line.size() > 1) {
                    lines.add(line.stream().mapToInt(Integer::intValue).toArray());
                }
            }
        }
        return lines;
    }

    /**
     * Until no line has exactly one withheld cell: visit the lines in order, again and again, and withhold the
     * smallest published cell of each line that has one. Counts per line and a cursor over the lines that have
     * one withheld cell give the same result as repeated passes, without rescanning every line on each pass.
     */
    private static void protectLines(List<Cell> cells, int[] byKey, List<int[]> lines, BitSet withheld) {
        int[] keyRank = new int[cells.size()];
        for (int rank = 0; rank < byKey.length; rank++) {
            keyRank[byKey[rank]] = rank;
        }
        int[] withheldPerLine = new int[lines.size()];
        List<List<Integer>> linesOfCell = new ArrayList<>(cells.size());
        for (int i = 0; i < cells.size(); i++) {
            linesOfCell.add(new ArrayList<>(2));
        }
        BitSet oneWithheld = new BitSet(lines.size());
        for (int line = 0; line < lines.size(); line++) {
            for (int cell : lines.get(line)) {
                linesOfCell.get(cell).add(line);
            }
            withheldPerLine[line] = withheldIn(lines.get(line), withheld);
            oneWithheld.set(line, withheldPerLine[line] == 1);
        }
        int cursor = 0;
        while (!oneWithheld.isEmpty()) {
            int line = oneWithheld.nextSetBit(cursor);
            if (line < 0) {
                line = oneWithheld.nextSetBit(0);
            }
            int complement = smallestPublished(lines.get(line), withheld, cells, keyRank);
            withheld.set(complement);
            for (int lineOfComplement : linesOfCell.get(complement)) {
                withheldPerLine[lineOfComplement]++;
                oneWithheld.set(lineOfComplement, withheldPerLine[lineOfComplement] == 1);
            }
            cursor = line + 1;
        }
    }

    private static int withheldIn(int[] line, BitSet withheld) {
        int count = 0;
        for (int index : line) {
            if (withheld.get(index)) {
                count++;
            }
        }
        return count;
    }

    /** The published cell of the line with the fewest persons; of equal ones, the first by key. */
    private static int smallestPublished(int[] line, BitSet withheld, List<Cell> cells, int[] keyRank) {
        int smallest = -1;
        for (int index : line) {
            if (withheld.get(index)) {
                continue;
            }
            if (smallest < 0 || cells.get(index).size() < cells.get(smallest).size()
                    || (cells.get(index).size() == cells.get(smallest).size() && keyRank[index] < keyRank[smallest])) {
                smallest = index;
            }
        }
        if (smallest < 0) {
            throw new IllegalStateException("a line with one withheld cell and more than one cell has a published cell");
        }
        return smallest;
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
