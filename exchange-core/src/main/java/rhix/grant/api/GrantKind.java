package rhix.grant.api;

import java.time.Duration;

/**
 * How long a grant may run. A temporary grant serves one study or report (at most 90 days); a long-term one
 * an ongoing programme such as disease surveillance (at most 365 days, then re-applied for, so each year's
 * use is reviewed again).
 */
public enum GrantKind {
    TEMPORARY(Duration.ofDays(90)),
    LONG_TERM(Duration.ofDays(365));

    private final Duration maximumDuration;

    GrantKind(Duration maximumDuration) {
        this.maximumDuration = maximumDuration;
    }

    public Duration maximumDuration() {
        return maximumDuration;
    }
}
