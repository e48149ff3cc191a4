package rhix.synthetic;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import rhix.identity.AdminDivisionCode;
import rhix.identity.ResidentId;

/**
 * Resident ID numbers as a clerk mistypes them and the hospital system still accepts them. HIS
 * software checks the GB 11643 check character at the desk, so a typo that breaks it is refused
 * and retyped; what reaches the platform is the rare transposition the check does not catch. The
 * ISO 7064 MOD 11-2 weights catch every swap of neighbours; they miss a swap of two digits ten
 * places apart (same weight) and some swaps with the check character itself. Of the swaps a
 * number allows, this picks one whose result also has a well-formed division code and a real
 * birth date no later than asOf, i.e. that {@link ResidentId#parse} accepts: the same as retrying
 * swaps until one is valid, but with a bounded, deterministic cost.
 */
final class ResidentIdTypos {

    private static final int MIN_BIRTH_YEAR = 1880;

    /** A transposition of two characters of {@code id} that still passes every check, if the number has one. */
    static Optional<String> transposedButValid(ResidentId id, LocalDate latestBirth, SplittableRandom random) {
        List<String> candidates = validTranspositions(id.value(), latestBirth);
        return candidates.isEmpty() ? Optional.empty() : Optional.of(candidates.get(random.nextInt(candidates.size())));
    }

    static List<String> validTranspositions(String value, LocalDate latestBirth) {
        List<String> valid = new ArrayList<>();
        char[] digits = value.toCharArray();
        for (int i = 0; i < digits.length; i++) {
            for (int j = i + 1; j < digits.length; j++) {
                if (digits[i] == digits[j]) {
                    continue;
                }
                swap(digits, i, j);
                if (passes(digits, latestBirth)) {
                    valid.add(new String(digits));
                }
                swap(digits, i, j);
            }
        }
        return valid;
    }

    private static boolean passes(char[] candidate, LocalDate latestBirth) {
        for (int i = 0; i < 17; i++) {
            if (candidate[i] < '0' || candidate[i] > '9') {
                return false;
            }
        }
        String text = new String(candidate);
        if (ResidentId.checkCharacter(text.substring(0, 17)) != candidate[17]
                || !AdminDivisionCode.isWellFormed(text.substring(0, 6))) {
            return false;
        }
        try {
            LocalDate birth = LocalDate.of(Integer.parseInt(text.substring(6, 10)), Integer.parseInt(text.substring(10, 12)),
                    Integer.parseInt(text.substring(12, 14)));
            // The same checks as ResidentId.parse, except that "not after today" is "not after asOf":
            // output must not depend on the day the generator runs.
            return birth.getYear() >= MIN_BIRTH_YEAR && !birth.isAfter(latestBirth);
        } catch (DateTimeException e) {
            return false;
        }
    }

    private static void swap(char[] digits, int i, int j) {
        char held = digits[i];
        digits[i] = digits[j];
        digits[j] = held;
    }

    private ResidentIdTypos() {
    }
}
