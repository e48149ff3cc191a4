package rhix.recognition.rules;

import java.util.Objects;

/**
 * A recognisable item in a standard code system: LOINC for laboratory tests, the region's imaging
 * category codes for imaging examinations.
 */
public record ItemCode(String system, String code) {

    public static final String LOINC = "http://loinc.org";
    /**
     * The region's imaging examination categories (modality and body region, e.g. {@code CT-CHEST}):
     * local codes, because imaging procedure codes differ between hospitals far more than lab codes and
     * recognition is decided per category, not per protocol.
     */
    public static final String IMAGING_CATEGORY = "urn:rhix:imaging-category";

    public ItemCode {
        Objects.requireNonNull(system, "system is null");
        Objects.requireNonNull(code, "code is null");
        if (system.isBlank() || code.isBlank()) {
            throw new IllegalArgumentException("an item code needs a system and a code");
        }
    }

    public static ItemCode loinc(String code) {
        return new ItemCode(LOINC, code);
    }

    public static ItemCode imaging(String code) {
        return new ItemCode(IMAGING_CATEGORY, code);
    }

    @Override
    public String toString() {
        return system.equals(LOINC) ? "LOINC " + code : system + "|" + code;
    }
}
