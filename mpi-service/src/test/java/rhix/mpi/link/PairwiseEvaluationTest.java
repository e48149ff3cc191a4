package rhix.mpi.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Pairwise precision and recall from contingency counts, checked by hand and against brute force. */
class PairwiseEvaluationTest {

    @Test
    void countsPairsFromClusterAndPersonSizesOnAHandMadeExample() {
        // Persons: {0,1,2} {3,4} {5}. Predicted: {0,1,2,3} {4} {5}.
        // True pairs 3 + 1 = 4; predicted pairs C(4,2) = 6; right ones: 0-1, 0-2, 1-2 = 3.
        PairwiseEvaluation evaluation = PairwiseEvaluation.of(new int[] {7, 7, 7, 7, 1, 2}, new long[] {10, 10, 10, 20, 20, 30});

        assertThat(evaluation.truePairs()).isEqualTo(4);
        assertThat(evaluation.predictedPairs()).isEqualTo(6);
        assertThat(evaluation.truePositivePairs()).isEqualTo(3);
        assertThat(evaluation.precision()).isEqualTo(0.5);
        assertThat(evaluation.recall()).isEqualTo(0.75);
        assertThat(evaluation.f1()).isCloseTo(0.6, within(1e-12));
        assertThat(evaluation.falsePositivePairs()).isEqualTo(3);
        assertThat(evaluation.falseNegativePairs()).isEqualTo(1);
    }

    @Test
    void agreesWithEnumeratingEveryPairOnRandomClusterings() {
        SplittableRandom random = new SplittableRandom(5);
        for (int round = 0; round < 20; round++) {
            int n = 50 + random.nextInt(150);
            int[] clusters = new int[n];
            long[] persons = new long[n];
            for (int i = 0; i < n; i++) {
                persons[i] = random.nextInt(n / 2) * 1_000_003L;
                clusters[i] = random.nextBoolean() ? (int) (persons[i] % 1_000) : random.nextInt(n / 2);
            }
            long truePositives = 0;
            long predicted = 0;
            long truth = 0;
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    boolean samePredicted = clusters[i] == clusters[j];
                    boolean samePerson = persons[i] == persons[j];
                    predicted += samePredicted ? 1 : 0;
                    truth += samePerson ? 1 : 0;
                    truePositives += samePredicted && samePerson ? 1 : 0;
                }
            }

            assertThat(PairwiseEvaluation.of(clusters, persons)).isEqualTo(new PairwiseEvaluation(truePositives, predicted, truth));
        }
    }

    @Test
    void nothingLinkedIsPerfectPrecisionAndNothingToFindIsPerfectRecall() {
        assertThat(PairwiseEvaluation.of(new int[] {0, 1}, new long[] {5, 5}).precision()).isEqualTo(1.0);
        assertThat(PairwiseEvaluation.of(new int[] {0, 1}, new long[] {5, 5}).recall()).isZero();
        assertThat(PairwiseEvaluation.of(new int[] {0, 0}, new long[] {5, 6}).recall()).isEqualTo(1.0);
        assertThat(PairwiseEvaluation.of(new int[] {0, 0}, new long[] {5, 6}).f1()).isZero();
    }

    @Test
    void refusesArraysOfDifferentLengths() {
        assertThatThrownBy(() -> PairwiseEvaluation.of(new int[] {0}, new long[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("clusters for 1 records, persons for 2");
    }
}
