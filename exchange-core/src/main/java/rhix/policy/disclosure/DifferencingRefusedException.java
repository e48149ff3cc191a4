package rhix.policy.disclosure;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A statistics query refused by the {@link DifferencingGuard}: the user has already run the limit of
 * near-identical queries (same {@link QueryShape#similarityKey()}) within the window. The message names the
 * rule, the limit, and when the window frees up, so the user knows it is a rate and not a ban.
 */
public final class DifferencingRefusedException extends Exception {

    private final String user;
    private final String similarityKey;
    private final int limit;
    private final Duration window;
    private final Instant allowedAgainAt;

    public DifferencingRefusedException(String user, String similarityKey, int limit, Duration window, Instant allowedAgainAt) {
        super("refused by the differencing rule: user " + user + " has already run " + limit
                + " near-identical statistics queries (same view, group-by, aggregates and filtered columns; only"
                + " filter values differ) within " + window + ", the limit; shape " + similarityKey
                + "; the next such query is allowed from " + allowedAgainAt);
        this.user = Objects.requireNonNull(user, "user is null");
        this.similarityKey = Objects.requireNonNull(similarityKey, "similarityKey is null");
        this.limit = limit;
        this.window = Objects.requireNonNull(window, "window is null");
        this.allowedAgainAt = Objects.requireNonNull(allowedAgainAt, "allowedAgainAt is null");
    }

    public String user() {
        return user;
    }

    public String similarityKey() {
        return similarityKey;
    }

    public int limit() {
        return limit;
    }

    public Duration window() {
        return window;
    }

    /** When the oldest counted query leaves the window, so that one more near-identical query is admitted. */
    public Instant allowedAgainAt() {
        return allowedAgainAt;
    }
}
