package rhix.recognition.api;

/**
 * Why an offered result was not recognised; each is a rule of the region's mutual-recognition catalogue
 * ({@code rhix.recognition.rules.RecognitionRules} checks them in the order UNMAPPED_CODE, EXPIRED,
 * DIFFERENT_SPECIMEN, DIFFERENT_METHOD, QUALITY_TIER_NOT_ACCEPTED).
 */
public enum NotRecognisedReason {
    /** Older than the test's validity window (a potassium is good for days, a blood group for years). */
    EXPIRED,
    /** Measured by a method the requesting hospital does not accept as equivalent. */
    DIFFERENT_METHOD,
    /** Measured on a different specimen (serum against whole blood, say). */
    DIFFERENT_SPECIMEN,
    /** The provider's local code maps to no code the requesting hospital knows, so it cannot be compared. */
    UNMAPPED_CODE,
    /** The providing laboratory's quality tier is not among those the requesting hospital recognises. */
    QUALITY_TIER_NOT_ACCEPTED
}
