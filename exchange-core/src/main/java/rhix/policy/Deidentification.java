package rhix.policy;

/**
 * How one column is transformed before it leaves its node (GB/T 39725-2020 §6, de-identification
 * techniques). A grant names one per column; the column's sensitivity level gives the default.
 */
public enum Deidentification {
    /** Released as stored: only for level-1 columns or a treating clinician. */
    NONE,
    /** Part of the value replaced by a mask character (a phone's middle digits, a name's given name). */
    MASK,
    /** A keyed hash (HMAC-SHA-256 with a per-grant key): linkable within one grant, not across grants. */
    HASH,
    /** A random token per value, kept in a vault at the node: reversible there, only there. */
    TOKENISE,
    /** Less precise: a date to its month or year, an age to a band, a division code to its parent. */
    GENERALISE,
    /** Encrypted with a key the recipient holds (AES-GCM): for columns a recipient may need in full. */
    ENCRYPT,
    /** Not released at all. */
    SUPPRESS
}
