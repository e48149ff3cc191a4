package rhix.recognition.rules;

/**
 * How far the producing laboratory or imaging department has proven its quality, weakest first. A
 * rule names the minimum tier it recognises; anything at or above it is accepted.
 */
public enum QualityTier {
    /** No external quality assessment on record. */
    NONE,
    /** Passed the provincial clinical laboratory centre's (or imaging quality control centre's) external quality assessment (省级室间质评/质控). */
    PROVINCIAL_EQA_PASSED,
    /** Passed the National Center for Clinical Laboratories' external quality assessment (国家卫健委临检中心室间质评). */
    NATIONAL_EQA_PASSED,
    /** Accredited to ISO 15189 by CNAS (医学实验室认可). */
    ACCREDITED_ISO15189;

    public boolean isAtLeast(QualityTier minimum) {
        return compareTo(minimum) >= 0;
    }
}
