package rhix.synthetic;

/** How a directory sink writes each hospital's resources. */
public enum OutputFormat {
    /** One {@code nodes/<node>/<org>.ndjson} per hospital, one resource a line, in dependency order. */
    NDJSON,
    /** {@code nodes/<node>/<org>-bundle-NNNN.json}: transaction Bundles of PUT entries, in dependency order. */
    BUNDLE
}
