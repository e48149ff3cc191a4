package rhix.synthetic;

import java.time.LocalDate;
import java.util.Objects;

/**
 * What to generate. The same spec (seed included) always gives byte-identical output: nothing
 * reads the clock, {@code asOf} is the generator's "today".
 *
 * @param seed            the random seed
 * @param persons         residents to generate (1 to tens of millions: memory does not grow with it)
 * @param noiseRate       share of a person's second and later hospital records that carry identity noise
 * @param legacyIdShare   share of records of people born before 2000 that carry the 15-digit legacy number
 * @param invalidIdShare  share of records whose resident ID fails its check character (0 by default:
 *                        nodes reject those; raise it to test rejection paths)
 * @param asOf            the generator's "today": births and all clinical times fall before it. Keep
 *                        it in the past: {@code ResidentId.parse} refuses birth dates after the real today.
 * @param format          how {@link DirectoryRegionSink} writes each hospital's resources
 * @param bundleSize      entries per transaction Bundle, for {@link OutputFormat#BUNDLE}
 */
public record RegionSpec(long seed, int persons, double noiseRate, double legacyIdShare, double invalidIdShare,
                         LocalDate asOf, OutputFormat format, int bundleSize) {

    public static final long DEFAULT_SEED = 42;
    public static final double DEFAULT_NOISE_RATE = 0.3;
    public static final double DEFAULT_LEGACY_ID_SHARE = 0.1;
    public static final LocalDate DEFAULT_AS_OF = LocalDate.of(2026, 11, 1);
    public static final int DEFAULT_BUNDLE_SIZE = 1000;
    /** Births start in 1935; the generator needs a few years after that to place people and visits. */
    static final LocalDate EARLIEST_AS_OF = LocalDate.of(1950, 1, 1);

    public RegionSpec {
        if (persons < 1) {
            throw new IllegalArgumentException("persons must be at least 1, was " + persons);
        }
        requireShare("noiseRate", noiseRate);
        requireShare("legacyIdShare", legacyIdShare);
        requireShare("invalidIdShare", invalidIdShare);
        Objects.requireNonNull(asOf, "asOf is null");
        Objects.requireNonNull(format, "format is null");
        if (asOf.isBefore(EARLIEST_AS_OF)) {
            throw new IllegalArgumentException("asOf must be " + EARLIEST_AS_OF + " or later, was " + asOf);
        }
        if (bundleSize < 1) {
            throw new IllegalArgumentException("bundleSize must be at least 1, was " + bundleSize);
        }
    }

    /** The defaults: seed 42, noise 0.3, legacy share 0.1, no invalid IDs, as of 2026-11-01, NDJSON. */
    public static RegionSpec of(int persons) {
        return new RegionSpec(DEFAULT_SEED, persons, DEFAULT_NOISE_RATE, DEFAULT_LEGACY_ID_SHARE, 0.0, DEFAULT_AS_OF,
                OutputFormat.NDJSON, DEFAULT_BUNDLE_SIZE);
    }

    public RegionSpec withSeed(long newSeed) {
        return new RegionSpec(newSeed, persons, noiseRate, legacyIdShare, invalidIdShare, asOf, format, bundleSize);
    }

    public RegionSpec withPersons(int newPersons) {
        return new RegionSpec(seed, newPersons, noiseRate, legacyIdShare, invalidIdShare, asOf, format, bundleSize);
    }

    public RegionSpec withNoiseRate(double rate) {
        return new RegionSpec(seed, persons, rate, legacyIdShare, invalidIdShare, asOf, format, bundleSize);
    }

    public RegionSpec withLegacyIdShare(double share) {
        return new RegionSpec(seed, persons, noiseRate, share, invalidIdShare, asOf, format, bundleSize);
    }

    public RegionSpec withInvalidIdShare(double share) {
        return new RegionSpec(seed, persons, noiseRate, legacyIdShare, share, asOf, format, bundleSize);
    }

    public RegionSpec withAsOf(LocalDate date) {
        return new RegionSpec(seed, persons, noiseRate, legacyIdShare, invalidIdShare, date, format, bundleSize);
    }

    public RegionSpec withFormat(OutputFormat newFormat) {
        return new RegionSpec(seed, persons, noiseRate, legacyIdShare, invalidIdShare, asOf, newFormat, bundleSize);
    }

    public RegionSpec withBundleSize(int entries) {
        return new RegionSpec(seed, persons, noiseRate, legacyIdShare, invalidIdShare, asOf, format, entries);
    }

    private static void requireShare(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be within 0..1, was " + value);
        }
    }
}
