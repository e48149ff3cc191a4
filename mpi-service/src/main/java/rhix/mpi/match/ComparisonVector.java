package rhix.mpi.match;

import java.util.EnumMap;
import java.util.Map;

/** How two records compare, trait by trait: what a link's score was computed from, kept with the link. */
public record ComparisonVector(Map<Trait, Agreement> agreements) {

    public ComparisonVector {
        agreements = Map.copyOf(agreements);
    }

    public static ComparisonVector of(IdentityRecord left, IdentityRecord right) {
        Map<Trait, Agreement> agreements = new EnumMap<>(Trait.class);
        for (Trait trait : Trait.values()) {
            agreements.put(trait, trait.compare(left, right));
        }
        return new ComparisonVector(agreements);
    }

    public Agreement get(Trait trait) {
        return agreements.getOrDefault(trait, Agreement.MISSING);
    }
}
