package rhix.synthetic;

/**
 * How a hospital's record of a person can differ from the truth. Identity noise (the first eight)
 * hits a person's second and later records at {@link RegionSpec#noiseRate()}; the last two are
 * drawn on every record at their own shares, because they come from the hospital's system, not
 * from a slip at the desk.
 */
public enum NoiseKind {
    /** A character of the name replaced by one read the same way (伟→卫): pinyin unchanged. */
    HOMOPHONE_CHARACTER,
    /** A given-name character replaced by an unrelated one: the pinyin changes with it. */
    MISTYPED_CHARACTER,
    /** The pinyin spelled another way: case, spacing, ü as u or v. */
    PINYIN_SPELLING,
    /** Two neighbouring digits of the mobile number swapped. */
    PHONE_DIGITS_SWAPPED,
    /** Another mobile number altogether. */
    PHONE_CHANGED,
    /** No resident ID number recorded. */
    RESIDENT_ID_MISSING,
    /** Two characters of the number transposed in a way the GB 11643 check character does not catch. */
    RESIDENT_ID_MISTYPED,
    /** Patient.birthDate with day and month transposed (the ID number keeps the true date). */
    BIRTH_DATE_DAY_MONTH_SWAPPED,
    /** The number in the 15-digit first-generation form (people born before 2000; {@link RegionSpec#legacyIdShare()}). */
    LEGACY_RESIDENT_ID,
    /** A number that fails its check character ({@link RegionSpec#invalidIdShare()}; 0 by default). */
    INVALID_RESIDENT_ID;

    /** True for the kinds {@link RegionSpec#noiseRate()} governs. */
    public boolean isIdentityNoise() {
        return this != LEGACY_RESIDENT_ID && this != INVALID_RESIDENT_ID;
    }
}
