package rhix.policy.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CellSuppressionTest {

    private final CellSuppression suppression = new CellSuppression(CellSuppression.DEFAULT_MINIMUM_CELL_SIZE);

    @Test
    void withholdsEveryCellCountingFewerThanKPersons() {
        List<Cell> cells = List.of(cell(1, "a"), cell(9, "b"), cell(10, "c"), cell(500, "d"));

        SuppressionResult result = suppression.apply(cells);

        assertThat(result.primary()).isEqualTo(bits(0, 1));
        // Two withheld cells in the only line: neither can be recovered from the total, nothing more to do.
        assertThat(result.secondary()).isEqualTo(new BitSet());
        assertThat(result.withheldCount()).isEqualTo(2);
        assertThat(result.withheld(2)).isFalse();
    }

    @Test
    void suppressesNothingWhenEveryCellHasAtLeastKPersons() {
        List<Cell> cells = List.of(cell(10, "a", "x"), cell(11, "a", "y"), cell(10, "b", "x"), cell(4000, "b", "y"));

        SuppressionResult result = suppression.apply(cells);

        assertThat(result.withheldCount()).isZero();
    }

    @Test
    void aSingleSmallCellInAOneKeyTableForcesTheSmallestOtherCell() {
        // The total over the county is public elsewhere: 3 = total − 40 − 25 − 60 unless a second cell is hidden.
        List<Cell> cells = List.of(cell(3, "330102"), cell(40, "330105"), cell(25, "330106"), cell(60, "330108"));

        SuppressionResult result = suppression.apply(cells);

        assertThat(result.primary()).isEqualTo(bits(0));
        assertThat(result.secondary()).isEqualTo(bits(2));
    }

    @Test
    void tiesForTheSecondCellGoToTheFirstKeyWhateverTheOrderOfCells() {
        List<Cell> cells = new ArrayList<>(List.of(
                cell(2, "m"), cell(30, "z"), cell(30, "b"), cell(30, "k"), cell(90, "a")));
        for (long seed = 0; seed < 20; seed++) {
            Collections.shuffle(cells, new Random(seed));

            SuppressionResult result = suppression.apply(cells);

            assertThat(withheldKeys(cells, result.secondary())).as("order %s", cells).containsExactly(List.of("b"));
        }
    }

    @Test
    void twoKeyTableProtectsEveryRowAndColumn() {
        // county × age band; three small cells in different rows and columns.
        long[][] sizes = {
                {120, 4, 80, 95},
                {60, 45, 70, 33},
                {210, 150, 2, 88},
                {7, 64, 51, 40},
        };
        List<Cell> cells = table(sizes);

        SuppressionResult result = suppression.apply(cells);

        assertThat(withheldKeys(cells, result.primary()))
                .containsExactlyInAnyOrder(List.of(0, 1), List.of(2, 2), List.of(3, 0));
        assertEveryLineHasNoneOrSeveralWithheld(cells, result);
        assertThat(recoveredByMargins(cells, result)).as("cells recovered from row and column margins").isEmpty();
        assertThat(withheldKeys(cells, result.secondary())).containsExactlyInAnyOrder(
                List.of(0, 2), List.of(1, 0), List.of(1, 1), List.of(1, 3), List.of(2, 3), List.of(3, 2));
    }

    @Test
    void theSameTableGivesTheSameWithheldCellsInAnyOrder() {
        List<Cell> cells = table(new long[][] {{120, 4, 80, 95}, {60, 45, 70, 33}, {210, 150, 2, 88}, {7, 64, 51, 40}});
        Set<List<Object>> expected = Set.copyOf(withheldKeys(cells, withheld(suppression.apply(cells))));
        List<Cell> shuffled = new ArrayList<>(cells);
        for (long seed = 0; seed < 20; seed++) {
            Collections.shuffle(shuffled, new Random(seed));

            assertThat(withheldKeys(shuffled, withheld(suppression.apply(shuffled)))).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void primarySuppressionAloneWouldLeaveCellsRecoverableFromMargins() {
        // The attacker of the test above finds cells when only primary suppression is applied: the check has teeth.
        long[][] sizes = {{120, 4, 80}, {60, 45, 70}, {210, 150, 30}};
        List<Cell> cells = table(sizes);
        SuppressionResult primaryOnly = new SuppressionResult(suppression.apply(cells).primary(), new BitSet());

        assertThat(recoveredByMargins(cells, primaryOnly)).containsExactly(1);
        assertThat(recoveredByMargins(cells, suppression.apply(cells))).isEmpty();
    }

    @Test
    void randomThreeKeyTablesLeaveNoLoneWithheldCellInAnyLine() {
        Random random = new Random(8);
        for (int round = 0; round < 200; round++) {
            List<Cell> cells = new ArrayList<>();
            for (int a = 0; a < 2 + random.nextInt(4); a++) {
                for (int b = 0; b < 1 + random.nextInt(4); b++) {
                    for (int c = 0; c < 2 + random.nextInt(3); c++) {
                        if (random.nextInt(10) > 0) { // some groups are empty: a group-by never emits them
                            cells.add(new Cell(List.of(a, "b" + b, c), 1 + random.nextInt(random.nextBoolean() ? 12 : 300)));
                        }
                    }
                }
            }

            SuppressionResult result = suppression.apply(cells);

            assertThat(result.primary().cardinality()).isEqualTo((int) cells.stream().filter(cell -> cell.size() < 10).count());
            assertEveryLineHasNoneOrSeveralWithheld(cells, result);
            assertThat(recoveredByMargins(cells, result)).as("round %d", round).isEmpty();
        }
    }

    @Test
    void zeroSizeCellsAreNeitherWithheldNorUsedAsComplements() {
        List<Cell> cells = List.of(cell(3, "a"), cell(0, "b"), cell(40, "c"), cell(50, "d"));

        SuppressionResult result = suppression.apply(cells);

        assertThat(result.primary()).isEqualTo(bits(0));
        assertThat(result.secondary()).isEqualTo(bits(2));
    }

    @Test
    void groupsOfMissingValuesAreCellsLikeAnyOther() {
        List<Cell> cells = List.of(new Cell(Arrays.asList((Object) null), 2), cell(40, "c"), cell(50, "d"));

        SuppressionResult result = suppression.apply(cells);

        assertThat(result.primary()).isEqualTo(bits(0));
        assertThat(result.secondary()).isEqualTo(bits(1));
    }

    @Test
    void aConfiguredKOfThreeWithholdsOnlyCellsOfOneAndTwo() {
        List<Cell> cells = List.of(cell(2, "a"), cell(3, "b"), cell(9, "c"), cell(1, "d"));

        SuppressionResult result = new CellSuppression(3).apply(cells);

        assertThat(result.primary()).isEqualTo(bits(0, 3));
        assertThat(result.secondary()).isEqualTo(new BitSet());
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 0, 1, 2})
    void refusesKBelowThree(int k) {
        assertThatThrownBy(() -> new CellSuppression(k))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the minimum cell size k must be at least 3, was " + k);
    }

    @Test
    void refusesCellsWhoseKeysDoNotFormOneTable() {
        assertThatThrownBy(() -> suppression.apply(List.of(cell(20, "a", "x"), cell(30, "b"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cell 1 has 1 key values, cell 0 has 2");
        assertThatThrownBy(() -> suppression.apply(List.of(cell(20, "a"), cell(30, "a"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cell 1 repeats the key [a]");
    }

    @Test
    void anEmptyTableAndAGrandTotalNeedNoSecondarySuppression() {
        assertThat(suppression.apply(List.of()).withheldCount()).isZero();
        assertThat(suppression.apply(List.of(new Cell(List.of(), 4))).primary()).isEqualTo(bits(0));
    }

    @Test
    void theResultCannotBeChangedThroughItsBitSets() {
        SuppressionResult result = suppression.apply(List.of(cell(3, "a"), cell(30, "b")));

        result.primary().clear();
        result.secondary().clear();

        assertThat(result.withheldCount()).isEqualTo(2);
    }

    // --- helpers -------------------------------------------------------------------------------------------

    private static Cell cell(long size, Object... key) {
        return new Cell(List.of(key), size);
    }

    private static BitSet bits(int... indexes) {
        BitSet bits = new BitSet();
        Arrays.stream(indexes).forEach(bits::set);
        return bits;
    }

    private static List<Cell> table(long[][] sizes) {
        List<Cell> cells = new ArrayList<>();
        for (int row = 0; row < sizes.length; row++) {
            for (int column = 0; column < sizes[row].length; column++) {
                cells.add(new Cell(List.of(row, column), sizes[row][column]));
            }
        }
        return cells;
    }

    private static BitSet withheld(SuppressionResult result) {
        BitSet withheld = result.primary();
        withheld.or(result.secondary());
        return withheld;
    }

    private static List<List<Object>> withheldKeys(List<Cell> cells, BitSet bits) {
        return bits.stream().mapToObj(index -> cells.get(index).key()).toList();
    }

    /** Every line (cells sharing all keys but one) with more than one cell. */
    private static List<List<Integer>> lines(List<Cell> cells) {
        int dimensions = cells.getFirst().key().size();
        List<List<Integer>> lines = new ArrayList<>();
        for (int free = 0; free < dimensions; free++) {
            Map<List<Object>, List<Integer>> byRest = new HashMap<>();
            for (int i = 0; i < cells.size(); i++) {
                List<Object> rest = new ArrayList<>(cells.get(i).key());
                rest.remove(free);
                byRest.computeIfAbsent(rest, key -> new ArrayList<>()).add(i);
            }
            byRest.values().stream().filter(line -> line.size() > 1).forEach(lines::add);
        }
        return lines;
    }

    private static void assertEveryLineHasNoneOrSeveralWithheld(List<Cell> cells, SuppressionResult result) {
        for (List<Integer> line : lines(cells)) {
            long withheld = line.stream().filter(result::withheld).count();
            assertThat(withheld).as("withheld cells in line %s", line.stream().map(i -> cells.get(i).key()).toList())
                    .isNotEqualTo(1L);
        }
    }

    /**
     * An attacker who knows every line's total (the margins) and the published cells, and solves any line
     * with one unknown cell, again and again (a solved cell may open another line). Returns the withheld cells
     * it finds.
     */
    private static List<Integer> recoveredByMargins(List<Cell> cells, SuppressionResult result) {
        BitSet unknown = new BitSet();
        for (int i = 0; i < cells.size(); i++) {
            if (result.withheld(i)) {
                unknown.set(i);
            }
        }
        List<List<Integer>> lines = lines(cells);
        List<Integer> recovered = new ArrayList<>();
        boolean progress = true;
        while (progress) {
            progress = false;
            for (List<Integer> line : lines) {
                List<Integer> unknownInLine = line.stream().filter(unknown::get).toList();
                if (unknownInLine.size() == 1) {
                    int cell = unknownInLine.getFirst();
                    long margin = line.stream().mapToLong(i -> cells.get(i).size()).sum();
                    long known = line.stream().filter(i -> i != cell).mapToLong(i -> cells.get(i).size()).sum();
                    assertThat(margin - known).isEqualTo(cells.get(cell).size());
                    unknown.clear(cell);
                    recovered.add(cell);
                    progress = true;
                }
            }
        }
        return recovered;
    }
}
