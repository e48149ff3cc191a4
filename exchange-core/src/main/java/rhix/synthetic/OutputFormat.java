package rhix.synthetic;

/** How a directory sink writes each hospital's resources. */
public enum OutputFormat {
    /** One {@code <org>.ndjson} per hospital, resources in dependency order. */
    NDJSON,
    /** {@code <org>-bundle-NNNN.json} transaction Bundles of PUT entries, in dependency order. */
    BUNDLE
}
