package rhix.mpi.match;

/** How one trait of two records compares: the levels a Fellegi–Sunter model weighs. */
public enum Agreement {
    /** the same value */
    AGREE,
    /** nearly the same: a typo, a homophone, swapped day and month */
    PARTIAL,
    DISAGREE,
    /** absent (or unusable, like an invalid ID number) on either side: weighs nothing */
    MISSING
}
