package rhix.mpi.match;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * Comparators that fit Chinese identity data: the same person's records differ by a mistyped digit of
 * the ID number or phone, a homophone in the name (same pinyin, another character), a romanization
 * variant, day and month swapped in the birth date. Each turns a pair of traits into an {@link Agreement}.
 */
final class TraitComparators {

    /** Pinyin closer than this (Jaro–Winkler) is taken for the same name misheard or misspelt. */
    static final double PINYIN_SIMILAR = 0.92;
    private static final DateTimeFormatter DIGITS = DateTimeFormatter.BASIC_ISO_DATE;

    private TraitComparators() {
    }

    /**
     * Both valid 18-digit IDs (legacy ones converted; an invalid number is never compared): equal, or two
     * characters transposed. No other typo survives to here: the GB 11643 check character (ISO 7064 MOD 11-2)
     * catches every single-digit error and every swap of neighbours, and the hospital desk refuses what it
     * catches. What passes is a swap of two positions ten apart (equal weights) or one with the check
     * character. Two valid numbers that differ otherwise, e.g. in a sequence digit and the check character,
     * are two people born the same day in the same county.
     */
    static Agreement residentId(IdentityRecord left, IdentityRecord right) {
        if (left.residentId() == null || right.residentId() == null) {
            return Agreement.MISSING;
        }
        if (left.residentId().equals(right.residentId())) {
            return Agreement.AGREE;
        }
        return transposedOnce(left.residentId(), right.residentId()) ? Agreement.PARTIAL : Agreement.DISAGREE;
    }

    /** Same characters; else same or nearly the same pinyin (homophones, spelling variants); else one character apart. */
    static Agreement name(IdentityRecord left, IdentityRecord right) {
        boolean characters = present(left.nameZh()) && present(right.nameZh());
        boolean pinyin = present(left.namePinyin()) && present(right.namePinyin());
        if (!characters && !pinyin) {
            return Agreement.MISSING;
        }
        if (characters && left.nameZh().equals(right.nameZh())) {
            return Agreement.AGREE;
        }
        if (pinyin) {
            String a = left.namePinyin().replace(" ", "");
            String b = right.namePinyin().replace(" ", "");
            if (a.equals(b) || JaroWinkler.similarity(a, b) >= PINYIN_SIMILAR) {
                return Agreement.PARTIAL;
            }
        }
        if (characters && typoApart(left.nameZh(), right.nameZh())) {
            return Agreement.PARTIAL;
        }
        return Agreement.DISAGREE;
    }

    /** Equal; or day and month swapped, or one digit of YYYYMMDD mistyped. */
    static Agreement birthDate(IdentityRecord left, IdentityRecord right) {
        LocalDate a = left.birthDate();
        LocalDate b = right.birthDate();
        if (a == null || b == null) {
            return Agreement.MISSING;
        }
        if (a.equals(b)) {
            return Agreement.AGREE;
        }
        boolean swapped = a.getYear() == b.getYear() && a.getMonthValue() == b.getDayOfMonth()
                && a.getDayOfMonth() == b.getMonthValue();
        return swapped || typoApart(a.format(DIGITS), b.format(DIGITS)) ? Agreement.PARTIAL : Agreement.DISAGREE;
    }

    static Agreement gender(IdentityRecord left, IdentityRecord right) {
        if (!known(left.gender()) || !known(right.gender())) {
            return Agreement.MISSING;
        }
        return left.gender().equals(right.gender()) ? Agreement.AGREE : Agreement.DISAGREE;
    }

    /** Equal; or one digit mistyped or two adjacent ones swapped. */
    static Agreement phone(IdentityRecord left, IdentityRecord right) {
        if (left.phone() == null || right.phone() == null) {
            return Agreement.MISSING;
        }
        if (left.phone().equals(right.phone())) {
            return Agreement.AGREE;
        }
        return typoApart(left.phone(), right.phone()) ? Agreement.PARTIAL : Agreement.DISAGREE;
    }

    /** Same county (GB/T 2260 code), or the same city (first four digits). */
    static Agreement division(IdentityRecord left, IdentityRecord right) {
        if (!present(left.divisionCode()) || !present(right.divisionCode())) {
            return Agreement.MISSING;
        }
        if (left.divisionCode().equals(right.divisionCode())) {
            return Agreement.AGREE;
        }
        return left.divisionCode().length() >= 4 && right.divisionCode().length() >= 4
                && left.divisionCode().regionMatches(0, right.divisionCode(), 0, 4) ? Agreement.PARTIAL : Agreement.DISAGREE;
    }

    /** Same length, and exactly two positions differ, holding each other's character. */
    static boolean transposedOnce(String a, String b) {
        if (a.length() != b.length()) {
            return false;
        }
        int first = -1;
        int second = -1;
        for (int i = 0; i < a.length(); i++) {
            if (a.charAt(i) != b.charAt(i)) {
                if (first < 0) {
                    first = i;
                } else if (second < 0) {
                    second = i;
                } else {
                    return false;
                }
            }
        }
        return second >= 0 && a.charAt(first) == b.charAt(second) && a.charAt(second) == b.charAt(first);
    }

    /** Same length, and one position differs (a mistyped character) or two neighbours are swapped. */
    static boolean typoApart(String a, String b) {
        if (a.length() != b.length()) {
            return false;
        }
        int first = -1;
        int differences = 0;
        for (int i = 0; i < a.length(); i++) {
            if (a.charAt(i) != b.charAt(i)) {
                if (first < 0) {
                    first = i;
                }
                differences++;
            }
        }
        if (differences <= 1) {
            return true;
        }
        return differences == 2 && first + 1 < a.length() && a.charAt(first) == b.charAt(first + 1)
                && a.charAt(first + 1) == b.charAt(first);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static boolean known(String gender) {
        return present(gender) && !"unknown".equals(gender);
    }
}
