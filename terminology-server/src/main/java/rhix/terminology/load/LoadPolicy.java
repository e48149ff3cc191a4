package rhix.terminology.load;

/** What a load does with a version the store already holds. */
public enum LoadPolicy {
    /** Write it again, replacing the held version in one transaction (a corrected release). */
    REPLACE,
    /** Leave the held version alone: shipped content loaded at every start is loaded once. */
    SKIP_IF_HELD
}
