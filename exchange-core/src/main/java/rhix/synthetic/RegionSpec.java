package rhix.synthetic;

import java.time.LocalDate;

/**
 * What to generate. The same spec (seed included) always gives byte-identical output.
 *
 * @param seed            the random seed
 * @param persons         residents to generate (1 .. 10,000,000 and beyond: memory does not grow with it)
 * @param noiseRate       share of a person's second and later hospital records that carry identity noise
 * @param legacyIdShare   share of records of people born before 2000 that carry the 15-digit legacy number
 * @param invalidIdShare  share of records with a resident ID that fails its check character (0 by
 *                        default: nodes reject those; raise it to test rejection paths)
 * @param asOf            the generator's "today": all clinical times are before it
 */
public record RegionSpec(long seed, int persons, double noiseRate, double legacyIdShare, double invalidIdShare,
                         LocalDate asOf) {

    public static final LocalDate DEFAULT_AS_OF = LocalDate.of(2026, 11, 1);

    public RegionSpec {
        if (persons < 1) {
            throw new IllegalArgumentException("persons must be at least 1, was " + persons);
        }
        requireShare("noiseRate", noiseRate);
        requireShare("legacyIdShare", legacyIdShare);
        requireShare("invalidIdShare", invalidIdShare);
        java.util.Objects.requireNonNull(asOf, "asOf is null");
    }

    /** The defaults: seed 42, noise 0.3, legacy share 0.1, no invalid IDs, as of 2026-11-01. */
    public static RegionSpec of(int persons) {
        return new RegionSpec(42, persons, 0.3, 0.1, 0.0, DEFAULT_AS_OF);
    }

    public RegionSpec withSeed(long newSeed) {
        return new RegionSpec(newSeed, persons, noiseRate, legacyIdShare, invalidIdShare, asOf);
    }

    public RegionSpec withNoiseRate(double rate) {
        return new RegionSpec(seed, persons, rate, legacyIdShare, invalidIdShare, asOf);
    }

    public RegionSpec withInvalidIdShare(double share) {
        return new RegionSpec(seed, persons, noiseRate, legacyIdShare, share, asOf);
    }

    private static void requireShare(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be within 0..1, was " + value);
        }
    }
}
