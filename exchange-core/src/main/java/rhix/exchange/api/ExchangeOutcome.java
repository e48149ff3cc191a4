package rhix.exchange.api;

/** How an exchange ended once every provider had answered. */
public enum ExchangeOutcome {
    /** Every provider released (also: no provider held anything, so nothing was owed). */
    COMPLETED,
    /** Some providers released, some failed. */
    PARTIALLY_COMPLETED,
    /** Every provider failed: nothing was released. */
    FAILED
}
