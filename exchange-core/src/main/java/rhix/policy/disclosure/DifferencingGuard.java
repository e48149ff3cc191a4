package rhix.policy.disclosure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Limits how many near-identical statistics queries one user may run within a sliding window.
 *
 * <p><b>The attack.</b> Two queries whose populations differ by one person give that person's cell by
 * subtraction: {@code count(*) … WHERE age < 40} and {@code … WHERE age < 41}, grouped by diagnosis, differ
 * exactly by the 40-year-olds; when there is one of them, the difference shows their diagnosis, although
 * every cell of both answers is ≥ k and published. Cell suppression cannot see this: each answer is safe
 * on its own. The guard counts, per user, queries with the same {@link QueryShape#similarityKey()} (same view,
 * group-by keys, aggregates and filtered columns; only the literals differ) and refuses the
 * ({@code maxSimilarQueries}+1)th within {@code window}. A refused query is not counted: it released nothing.
 *
 * <p><b>Limits.</b> This slows the attack, it does not make it impossible: a user gets
 * {@code maxSimilarQueries} differences per window, and two well-chosen queries are enough for one person.
 * The guard is per node and in memory: state is lost on restart, and each node counts only the queries it
 * saw (the connector runs its own guard over the combined query). Users who collude, a user who spreads the
 * queries over many windows, or who changes the shape (an extra redundant filter column or aggregate) are not
 * stopped. See the "Disclosure control" section of {@code exchange-core/README.md}.
 *
 * <p>Thread-safe.
 */
public final class DifferencingGuard {

    /** Default near-identical queries per user and shape within the window. */
    public static final int DEFAULT_MAX_SIMILAR_QUERIES = 5;
    /** Default sliding window. */
    public static final Duration DEFAULT_WINDOW = Duration.ofHours(24);

    /** How often (in admitted queries) histories that have fallen out of the window are swept. */
    private static final int SWEEP_EVERY = 4096;

    private final int maxSimilarQueries;
    private final Duration window;
    private final Clock clock;
    /** (user, similarity key) → when each counted query ran, oldest first. */
    private final Map<History, ArrayDeque<Instant>> histories = new HashMap<>();
    private long admittedSinceSweep;

    /**
     * @param maxSimilarQueries how many near-identical queries a user may run within the window, at least 1
     * @param window            the sliding window, positive
     * @param clock             the time source (tests inject a fixed or adjustable clock)
     */
    public DifferencingGuard(int maxSimilarQueries, Duration window, Clock clock) {
        if (maxSimilarQueries < 1) {
            throw new IllegalArgumentException("maxSimilarQueries must be at least 1, was " + maxSimilarQueries);
        }
        Objects.requireNonNull(window, "window is null");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the differencing window must be positive, was " + window);
        }
        this.maxSimilarQueries = maxSimilarQueries;
        this.window = window;
        this.clock = Objects.requireNonNull(clock, "clock is null");
    }

    /** {@value #DEFAULT_MAX_SIMILAR_QUERIES} near-identical queries per 24 hours. */
    public DifferencingGuard(Clock clock) {
        this(DEFAULT_MAX_SIMILAR_QUERIES, DEFAULT_WINDOW, clock);
    }

    /**
     * Records the query; throws when this user has run more than maxSimilarQueries near-identical queries
     * within the window (i.e. the query would be the ({@code maxSimilarQueries}+1)th). A refused query is not
     * recorded.
     */
    public void admit(String user, QueryShape shape) throws DifferencingRefusedException {
        Objects.requireNonNull(user, "user is null");
        Objects.requireNonNull(shape, "shape is null");
        String similarityKey = shape.similarityKey();
        Instant now = clock.instant();
        synchronized (histories) {
            ArrayDeque<Instant> ranAt = histories.computeIfAbsent(new History(user, similarityKey), key -> new ArrayDeque<>());
            dropExpired(ranAt, now);
            if (ranAt.size() >= maxSimilarQueries) {
                throw new DifferencingRefusedException(user, similarityKey, maxSimilarQueries, window,
                        ranAt.peekFirst().plus(window));
            }
            ranAt.addLast(now);
            if (++admittedSinceSweep >= SWEEP_EVERY) {
                admittedSinceSweep = 0;
                histories.values().removeIf(history -> {
                    dropExpired(history, now);
                    return history.isEmpty();
                });
            }
        }
    }

    private void dropExpired(ArrayDeque<Instant> ranAt, Instant now) {
        Instant oldestCounted = now.minus(window);
        while (!ranAt.isEmpty() && !ranAt.peekFirst().isAfter(oldestCounted)) {
            ranAt.removeFirst();
        }
    }

    private record History(String user, String similarityKey) {
    }
}
