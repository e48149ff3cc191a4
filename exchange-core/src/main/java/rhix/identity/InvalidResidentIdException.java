package rhix.identity;

/** A resident ID number that is not one: says which rule it broke, never echoes the whole number. */
public final class InvalidResidentIdException extends Exception {

    public enum Reason {
        EMPTY("is empty"),
        WRONG_LENGTH("must have 18 characters (or 15 for a legacy card)"),
        NOT_DIGITS("must be digits, with an optional final X"),
        BAD_ADDRESS_CODE("does not start with a GB/T 2260 division code"),
        BAD_BIRTH_DATE("does not encode a valid birth date"),
        CHECK_CHARACTER_MISMATCH("fails the GB 11643 check character");

        private final String explanation;

        Reason(String explanation) {
            this.explanation = explanation;
        }

        public String explanation() {
            return explanation;
        }
    }

    private final Reason reason;

    public InvalidResidentIdException(Reason reason, String input) {
        super("resident ID number " + describe(input) + " " + reason.explanation());
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    private static String describe(String input) {
        if (input == null) {
            return "(null)";
        }
        String stripped = input.strip();
        // Enough to find the record at the source, not enough to disclose the number.
        return stripped.length() <= 6 ? "'" + stripped + "'" : "'" + stripped.substring(0, 6) + "…' (" + stripped.length() + " characters)";
    }
}
