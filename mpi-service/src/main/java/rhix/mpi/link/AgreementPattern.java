package rhix.mpi.link;

import java.util.EnumMap;
import java.util.Map;
import rhix.mpi.match.Agreement;
import rhix.mpi.match.ComparisonVector;
import rhix.mpi.match.IdentityRecord;
import rhix.mpi.match.Trait;

/**
 * A comparison vector packed into a small int (two bits per trait), so that millions of pairs keep their
 * vectors in a {@code short[]}, pairs are counted by pattern in a flat array, and a pattern's score is a
 * table lookup: there are at most {@value #PATTERNS} patterns however many pairs there are.
 */
final class AgreementPattern {

    private static final Trait[] TRAITS = Trait.values();
    private static final Agreement[] LEVELS = Agreement.values();
    static final int PATTERNS = 1 << (2 * TRAITS.length);

    static {
        if (LEVELS.length > 4 || PATTERNS > Short.MAX_VALUE + 1) {
            throw new ExceptionInInitializerError("agreement patterns no longer fit two bits per trait in a short");
        }
    }

    private static final ComparisonVector[] VECTORS = new ComparisonVector[PATTERNS];

    static {
        for (int code = 0; code < PATTERNS; code++) {
            Map<Trait, Agreement> agreements = new EnumMap<>(Trait.class);
            for (Trait trait : TRAITS) {
                agreements.put(trait, LEVELS[(code >>> (2 * trait.ordinal())) & 3]);
            }
            VECTORS[code] = new ComparisonVector(agreements);
        }
    }

    private AgreementPattern() {
    }

    /** The code of the pair's vector, comparing trait by trait without building the vector. */
    static int compare(IdentityRecord left, IdentityRecord right) {
        int code = 0;
        for (Trait trait : TRAITS) {
            code |= trait.compare(left, right).ordinal() << (2 * trait.ordinal());
        }
        return code;
    }

    static int encode(ComparisonVector vector) {
        int code = 0;
        for (Trait trait : TRAITS) {
            code |= vector.get(trait).ordinal() << (2 * trait.ordinal());
        }
        return code;
    }

    /** The vector of a code: one shared instance per pattern, so links can keep theirs for free. */
    static ComparisonVector decode(int code) {
        return VECTORS[code];
    }
}
