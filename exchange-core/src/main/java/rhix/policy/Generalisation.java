package rhix.policy;

/**
 * How far {@link Deidentification#GENERALISE} coarsens a value; what that means per kind is in
 * {@link ValueKind}'s documentation and {@link Deidentifier}.
 */
public enum Generalisation {
    /** Date → year-month, age → 5-year band, division code → its city, number → one significant digit, ICD-10 → 3-character category. */
    FINE,
    /** Date → year, age → 10-year band, division code → its province, number → a range ten times wider, ICD-10 → chapter letter. */
    COARSE
}
