package rhix.policy;

import java.util.EnumSet;
import java.util.Set;

/**
 * What a column's values are, which decides how they can be de-identified: a name can be masked but
 * not generalised, a date generalised but not masked. {@link Deidentifier} refuses a method a kind does
 * not list here, so a mistyped policy fails loudly instead of releasing something half-done.
 */
public enum ValueKind {
    /** A person's name in Chinese characters (direct identifier). */
    PERSON_NAME(true, EnumSet.of(Deidentification.MASK)),
    /** An 18- or 15-character resident ID number (direct identifier). */
    RESIDENT_ID(true, EnumSet.of(Deidentification.MASK)),
    /** A telephone number (direct identifier). */
    PHONE(true, EnumSet.of(Deidentification.MASK)),
    /** A record or person identifier: enterprise person ID, hospital medical record number (direct identifier within the region). */
    PERSON_ID(true, EnumSet.of(Deidentification.MASK)),
    /** A postal address in free text (identifies a household). */
    ADDRESS(false, EnumSet.of(Deidentification.MASK)),
    /** A calendar date or date-time (ISO 8601). */
    DATE(false, EnumSet.of(Deidentification.GENERALISE)),
    /** An age in whole years. */
    AGE(false, EnumSet.of(Deidentification.GENERALISE)),
    /** A 6-digit GB/T 2260 administrative division code. */
    DIVISION_CODE(false, EnumSet.of(Deidentification.GENERALISE)),
    /** An ICD-10 diagnosis code. */
    DIAGNOSIS_CODE(false, EnumSet.of(Deidentification.GENERALISE)),
    /** A code from a code system that has no meaningful coarser form (LOINC, gender, hospital, unit). */
    CODE(false, EnumSet.noneOf(Deidentification.class)),
    /** A decimal number (a lab value, a cost). */
    NUMBER(false, EnumSet.of(Deidentification.GENERALISE)),
    /** Free text (an imaging report's findings). */
    TEXT(false, EnumSet.noneOf(Deidentification.class));

    /** Methods that make sense for any value: release as is, drop, hash, tokenise, encrypt. */
    private static final Set<Deidentification> UNIVERSAL = EnumSet.of(
            Deidentification.NONE, Deidentification.SUPPRESS, Deidentification.HASH,
            Deidentification.TOKENISE, Deidentification.ENCRYPT);

    private final boolean directIdentifier;
    private final Set<Deidentification> applicable;

    ValueKind(boolean directIdentifier, Set<Deidentification> kindSpecific) {
        this.directIdentifier = directIdentifier;
        this.applicable = kindSpecific;
    }

    /** True for values that identify a person on their own; never released in clear outside treatment. */
    public boolean isDirectIdentifier() {
        return directIdentifier;
    }

    public boolean accepts(Deidentification method) {
        return UNIVERSAL.contains(method) || applicable.contains(method);
    }
}
