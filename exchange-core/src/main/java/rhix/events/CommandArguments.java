package rhix.events;

import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The checks every command handler makes on its fields before looking at state. Each failure is an
 * {@link IllegalArgumentException} naming the field, so a caller sees which field to fix.
 */
public final class CommandArguments {

    /**
     * A run of 15, or 17 then a check character, digits: the shape of a resident ID number. Free text goes
     * into the event store for good, so a reason that quotes one is refused rather than stored.
     */
    private static final Pattern RESIDENT_ID_SHAPE = Pattern.compile("(?<![0-9])([0-9]{17}[0-9Xx]|[0-9]{15})(?![0-9])");

    private CommandArguments() {
    }

    public static <T> T requirePresent(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is missing");
        }
        return value;
    }

    /** An identifier or principal: present and not blank. */
    public static String requireText(String value, String field) {
        requirePresent(value, field);
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " is blank");
        }
        return value;
    }

    /** A reason, comment or detail a person wrote: not blank and not quoting a resident ID number. */
    public static String requireFreeText(String value, String field) {
        requireText(value, field);
        if (RESIDENT_ID_SHAPE.matcher(value).find()) {
            throw new IllegalArgumentException(
                    field + " looks like it contains a resident ID number; refer to the patient by enterprise id only");
        }
        return value;
    }

    /** A list without missing entries or repeats; empty only when {@code mayBeEmpty}. */
    public static <T> List<T> requireDistinct(List<T> values, String field, boolean mayBeEmpty) {
        requirePresent(values, field);
        if (!mayBeEmpty && values.isEmpty()) {
            throw new IllegalArgumentException(field + " is empty");
        }
        var seen = new HashSet<T>();
        for (T value : values) {
            requirePresent(value, field + " entry");
            if (value instanceof String text && text.isBlank()) {
                throw new IllegalArgumentException(field + " has a blank entry");
            }
            if (!seen.add(value)) {
                throw new IllegalArgumentException(field + " names '" + value + "' twice");
            }
        }
        return values;
    }
}
