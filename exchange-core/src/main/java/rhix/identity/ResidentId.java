package rhix.identity;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A PRC resident identity card number (公民身份号码) per GB 11643-1999: six digits of GB/T 2260
 * address code, eight of birth date, three of sequence (odd for men, even for women) and a
 * check character over ISO 7064 MOD 11-2. Legacy first-generation cards carry a 15-digit form
 * (two-digit year, no check character); {@link #parse} accepts both and {@link #value} is always
 * the 18-character form, so that the two forms of one person compare equal.
 */
public record ResidentId(String value, boolean legacyForm) {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK_CHARACTERS = "10X98765432".toCharArray();
    /** First-generation cards were issued to people born in the 20th century. */
    private static final String LEGACY_CENTURY = "19";

    public ResidentId {
        Objects.requireNonNull(value, "value is null");
        if (value.length() != 18 || checkCharacter(value.substring(0, 17)) != value.charAt(17)) {
            throw new IllegalArgumentException("not a canonical 18-character resident ID: use ResidentId.parse");
        }
    }

    /** Parses a 15- or 18-character number; whitespace around it is ignored, a lower-case x accepted. */
    public static ResidentId parse(String text) throws InvalidResidentIdException {
        if (text == null || text.isBlank()) {
            throw new InvalidResidentIdException(InvalidResidentIdException.Reason.EMPTY, text);
        }
        String candidate = text.strip().toUpperCase(java.util.Locale.ROOT);
        return switch (candidate.length()) {
            case 18 -> parseCurrentForm(candidate, text);
            case 15 -> parseLegacyForm(candidate, text);
            default -> throw new InvalidResidentIdException(InvalidResidentIdException.Reason.WRONG_LENGTH, text);
        };
    }

    /** True when {@code text} parses; for callers that only need a yes or no. */
    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (InvalidResidentIdException e) {
            return false;
        }
    }

    /** Builds the number for the given parts, computing the check character. */
    public static ResidentId of(AdminDivisionCode address, LocalDate birthDate, int sequence) {
        if (sequence < 0 || sequence > 999) {
            throw new IllegalArgumentException("sequence must be 0..999, was " + sequence);
        }
        String body = address.value() + String.format("%04d%02d%02d%03d",
                birthDate.getYear(), birthDate.getMonthValue(), birthDate.getDayOfMonth(), sequence);
        return new ResidentId(body + checkCharacter(body), false);
    }

    public static char checkCharacter(String first17Digits) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            char digit = first17Digits.charAt(i);
            if (digit < '0' || digit > '9') {
                return '?';
            }
            sum += (digit - '0') * WEIGHTS[i];
        }
        return CHECK_CHARACTERS[sum % 11];
    }

    public AdminDivisionCode addressCode() {
        return AdminDivisionCode.of(value.substring(0, 6));
    }

    public LocalDate birthDate() {
        return LocalDate.of(Integer.parseInt(value.substring(6, 10)),
                Integer.parseInt(value.substring(10, 12)), Integer.parseInt(value.substring(12, 14)));
    }

    public int sequence() {
        return Integer.parseInt(value.substring(14, 17));
    }

    /** The sex the number encodes: the parity of the sequence code. */
    public Gender sex() {
        return sequence() % 2 == 1 ? Gender.MALE : Gender.FEMALE;
    }

    /** The 15-character form a first-generation card would have carried, for a 1900s birth. */
    public String toLegacyForm() {
        if (!value.startsWith(LEGACY_CENTURY, 6)) {
            throw new IllegalStateException("only people born in 1900-1999 had 15-digit numbers");
        }
        return value.substring(0, 6) + value.substring(8, 17);
    }

    @Override
    public String toString() {
        // Printing an ID number in logs is a disclosure; show the region and the check only.
        return "ResidentId[" + value.substring(0, 6) + "********" + value.substring(14, 15) + "**" + value.charAt(17) + "]";
    }

    private static ResidentId parseCurrentForm(String candidate, String original) throws InvalidResidentIdException {
        for (int i = 0; i < 17; i++) {
            if (!Character.isDigit(candidate.charAt(i))) {
                throw new InvalidResidentIdException(InvalidResidentIdException.Reason.NOT_DIGITS, original);
            }
        }
        char last = candidate.charAt(17);
        if (!Character.isDigit(last) && last != 'X') {
            throw new InvalidResidentIdException(InvalidResidentIdException.Reason.NOT_DIGITS, original);
        }
        checkAddressAndBirthDate(candidate.substring(0, 6), candidate.substring(6, 14), original);
        if (checkCharacter(candidate.substring(0, 17)) != last) {
            throw new InvalidResidentIdException(InvalidResidentIdException.Reason.CHECK_CHARACTER_MISMATCH, original);
        }
        return new ResidentId(candidate, false);
    }

    private static ResidentId parseLegacyForm(String candidate, String original) throws InvalidResidentIdException {
        for (int i = 0; i < 15; i++) {
            if (!Character.isDigit(candidate.charAt(i))) {
                throw new InvalidResidentIdException(InvalidResidentIdException.Reason.NOT_DIGITS, original);
            }
        }
        String body = candidate.substring(0, 6) + LEGACY_CENTURY + candidate.substring(6, 15);
        checkAddressAndBirthDate(body.substring(0, 6), body.substring(6, 14), original);
        return new ResidentId(body + checkCharacter(body), true);
    }

    private static void checkAddressAndBirthDate(String address, String birthDate, String original)
            throws InvalidResidentIdException {
        if (!AdminDivisionCode.isWellFormed(address)) {
            throw new InvalidResidentIdException(InvalidResidentIdException.Reason.BAD_ADDRESS_CODE, original);
        }
        try {
            LocalDate date = LocalDate.of(Integer.parseInt(birthDate.substring(0, 4)),
                    Integer.parseInt(birthDate.substring(4, 6)), Integer.parseInt(birthDate.substring(6, 8)));
            if (date.getYear() < 1880 || date.isAfter(LocalDate.now())) {
                throw new InvalidResidentIdException(InvalidResidentIdException.Reason.BAD_BIRTH_DATE, original);
            }
        } catch (DateTimeException e) {
            throw new InvalidResidentIdException(InvalidResidentIdException.Reason.BAD_BIRTH_DATE, original);
        }
    }
}
