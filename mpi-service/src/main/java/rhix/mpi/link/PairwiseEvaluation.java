package rhix.mpi.link;

import java.util.Arrays;

/**
 * Pairwise precision, recall and F1 of a clustering against the truth: a pair of records is a true
 * positive when both put it in one cluster. Counted from cluster sizes, as the sum of C(n, 2) over the
 * contingency table's cells, its rows and its columns, so a million records cost three sorts, not 10^12 pairs.
 *
 * @param truePositivePairs pairs in one predicted cluster that are one person
 * @param predictedPairs    pairs in one predicted cluster
 * @param truePairs         pairs that are one person
 */
public record PairwiseEvaluation(long truePositivePairs, long predictedPairs, long truePairs) {

    /**
     * @param clusterOf each record's predicted cluster (any non-negative int)
     * @param personOf  each record's true person key
     */
    public static PairwiseEvaluation of(int[] clusterOf, long[] personOf) {
        if (clusterOf.length != personOf.length) {
            throw new IllegalArgumentException("clusters for " + clusterOf.length + " records, persons for " + personOf.length);
        }
        int[] personIndex = dense(personOf);
        long[] cells = new long[clusterOf.length];
        long[] predicted = new long[clusterOf.length];
        long[] truth = new long[clusterOf.length];
        for (int i = 0; i < clusterOf.length; i++) {
            if (clusterOf[i] < 0) {
                throw new IllegalArgumentException("record " + i + " has a negative cluster " + clusterOf[i]);
            }
            cells[i] = (long) clusterOf[i] << 32 | personIndex[i];
            predicted[i] = clusterOf[i];
            truth[i] = personIndex[i];
        }
        return new PairwiseEvaluation(pairsWithin(cells), pairsWithin(predicted), pairsWithin(truth));
    }

    /** Share of predicted pairs that are one person; 1 when nothing was linked (nothing was claimed wrongly). */
    public double precision() {
        return predictedPairs == 0 ? 1.0 : (double) truePositivePairs / predictedPairs;
    }

    /** Share of true pairs found; 1 when every record is its own person (nothing to find). */
    public double recall() {
        return truePairs == 0 ? 1.0 : (double) truePositivePairs / truePairs;
    }

    public double f1() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
    }

    public long falsePositivePairs() {
        return predictedPairs - truePositivePairs;
    }

    public long falseNegativePairs() {
        return truePairs - truePositivePairs;
    }

    private static int[] dense(long[] keys) {
        long[] sorted = keys.clone();
        Arrays.parallelSort(sorted);
        int[] index = new int[keys.length];
        for (int i = 0; i < keys.length; i++) {
            index[i] = Arrays.binarySearch(sorted, keys[i]);
        }
        return index;
    }

    /** The sum of C(n, 2) over the runs of equal values. */
    private static long pairsWithin(long[] values) {
        Arrays.parallelSort(values);
        long pairs = 0;
        for (int start = 0; start < values.length; ) {
            int end = start + 1;
            while (end < values.length && values[end] == values[start]) {
                end++;
            }
            long n = end - start;
            pairs += n * (n - 1) / 2;
            start = end;
        }
        return pairs;
    }
}
