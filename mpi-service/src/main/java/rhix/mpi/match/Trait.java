package rhix.mpi.match;

/** The identity traits the matcher compares, each with its comparator. */
public enum Trait {
    RESIDENT_ID(TraitComparators::residentId),
    NAME(TraitComparators::name),
    BIRTH_DATE(TraitComparators::birthDate),
    GENDER(TraitComparators::gender),
    PHONE(TraitComparators::phone),
    DIVISION(TraitComparators::division);

    private final TraitComparator comparator;

    Trait(TraitComparator comparator) {
        this.comparator = comparator;
    }

    public Agreement compare(IdentityRecord left, IdentityRecord right) {
        return comparator.compare(left, right);
    }

    @FunctionalInterface
    interface TraitComparator {
        Agreement compare(IdentityRecord left, IdentityRecord right);
    }
}
