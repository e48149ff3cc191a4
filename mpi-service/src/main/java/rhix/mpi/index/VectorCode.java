package rhix.mpi.index;

import java.util.EnumMap;
import java.util.Map;
import rhix.mpi.match.Agreement;
import rhix.mpi.match.ComparisonVector;
import rhix.mpi.match.Trait;

/**
 * A comparison vector as the store keeps it: one letter per {@link Trait}, in declaration order
 * (A agree, P partial, D disagree, M missing), e.g. {@code APAAMA}. Short enough to index and to read.
 */
public final class VectorCode {

    private VectorCode() {
    }

    public static String of(ComparisonVector vector) {
        StringBuilder code = new StringBuilder(Trait.values().length);
        for (Trait trait : Trait.values()) {
            code.append(vector.get(trait).name().charAt(0));
        }
        return code.toString();
    }

    public static ComparisonVector parse(String code) {
        Trait[] traits = Trait.values();
        if (code.length() != traits.length) {
            throw new IllegalArgumentException("a comparison vector code has " + traits.length + " letters: " + code);
        }
        Map<Trait, Agreement> agreements = new EnumMap<>(Trait.class);
        for (int i = 0; i < traits.length; i++) {
            agreements.put(traits[i], switch (code.charAt(i)) {
                case 'A' -> Agreement.AGREE;
                case 'P' -> Agreement.PARTIAL;
                case 'D' -> Agreement.DISAGREE;
                case 'M' -> Agreement.MISSING;
                default -> throw new IllegalArgumentException("not an agreement letter in " + code + ": " + code.charAt(i));
            });
        }
        return new ComparisonVector(agreements);
    }

    /** The vector as a trait → level map for people and JSON: {@code {"RESIDENT_ID":"AGREE",...}}. */
    public static Map<String, String> describe(String code) {
        Map<String, String> described = new java.util.LinkedHashMap<>();
        parse(code).agreements().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(entry -> described.put(entry.getKey().name(), entry.getValue().name()));
        return described;
    }
}
