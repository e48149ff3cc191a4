package rhix.terminology.bench;

import java.util.Arrays;

/** Per-call wall-clock latencies of one measured round, in nanoseconds, growing as calls are recorded. */
final class Latencies {

    private long[] nanos = new long[1024];
    private int size;

    void add(long value) {
        if (size == nanos.length) {
            nanos = Arrays.copyOf(nanos, size * 2);
        }
        nanos[size++] = value;
    }

    void addAll(Latencies other) {
        for (int i = 0; i < other.size; i++) {
            add(other.nanos[i]);
        }
    }

    int count() {
        return size;
    }

    /** Nearest-rank percentile in milliseconds ({@code fraction} 0.5 for the median). */
    double percentileMillis(double fraction) {
        if (size == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(nanos, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(fraction * size);
        return sorted[Math.max(0, Math.min(size - 1, rank - 1))] / 1e6;
    }

    /**
     * Calls {@code call} until {@code budgetNanos} has passed (at least {@code minimumCalls}, at most
     * {@code maximumCalls} times), timing each call with {@link System#nanoTime()}; the call's input is
     * built by {@code input} outside the timed region.
     */
    static <T> Latencies timeBoxed(long budgetNanos, int minimumCalls, int maximumCalls, java.util.function.IntFunction<T> input,
                                   Call<T> call) throws Exception {
        Latencies latencies = new Latencies();
        long deadline = System.nanoTime() + budgetNanos;
        for (int i = 0; i < maximumCalls && (i < minimumCalls || System.nanoTime() < deadline); i++) {
            T in = input.apply(i);
            long started = System.nanoTime();
            call.run(in);
            latencies.add(System.nanoTime() - started);
        }
        return latencies;
    }

    interface Call<T> {
        void run(T input) throws Exception;
    }
}
