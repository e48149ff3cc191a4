package rhix.recognition.rules;

/**
 * Why an offered result was not recognised, in the order {@link RecognitionRules#judge} checks. The
 * recognition events in {@code rhix.recognition.api} carry the same values; the two are to be folded
 * into one.
 */
public enum NotRecognisedReason {
    /** The hospital's code has no mapping to a standard code, or no rule covers the standard code. */
    UNMAPPED_CODE,
    /** Older than the item's validity window. */
    EXPIRED,
    /** Measured on a specimen type the item's rule does not accept (serum where whole blood is needed). */
    DIFFERENT_SPECIMEN,
    /** Measured with a method the item's rule does not accept, or with no method stated where one is required. */
    DIFFERENT_METHOD,
    /** Produced by a laboratory or department below the item's minimum quality tier. */
    QUALITY_TIER_NOT_ACCEPTED
}
