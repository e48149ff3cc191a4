package rhix.identity;

import java.util.Objects;

/**
 * A GB/T 2260 administrative division code: two digits of province, two of city (prefecture),
 * two of county (district). A province code ends in 0000, a city code in 00.
 */
public record AdminDivisionCode(String value) {

    public enum Level { PROVINCE, CITY, COUNTY }

    public AdminDivisionCode {
        Objects.requireNonNull(value, "value is null");
        if (!isWellFormed(value)) {
            throw new IllegalArgumentException("not a GB/T 2260 division code: '" + value + "'");
        }
    }

    public static AdminDivisionCode of(String value) {
        return new AdminDivisionCode(value);
    }

    /** Six digits, with a province part in 11..82 (the GB/T 2260 range). */
    public static boolean isWellFormed(String value) {
        if (value == null || value.length() != 6) {
            return false;
        }
        for (int i = 0; i < 6; i++) {
            if (!Character.isDigit(value.charAt(i))) {
                return false;
            }
        }
        int province = Integer.parseInt(value.substring(0, 2));
        return province >= 11 && province <= 82;
    }

    public Level level() {
        if (value.endsWith("0000")) {
            return Level.PROVINCE;
        }
        return value.endsWith("00") ? Level.CITY : Level.COUNTY;
    }

    public AdminDivisionCode province() {
        return of(value.substring(0, 2) + "0000");
    }

    public AdminDivisionCode city() {
        if (level() == Level.PROVINCE) {
            throw new IllegalStateException(value + " is a province");
        }
        return of(value.substring(0, 4) + "00");
    }

    /** True when this division lies inside {@code ancestor} (or is it). */
    public boolean isWithin(AdminDivisionCode ancestor) {
        return switch (ancestor.level()) {
            case PROVINCE -> value.startsWith(ancestor.value.substring(0, 2));
            case CITY -> value.startsWith(ancestor.value.substring(0, 4));
            case COUNTY -> value.equals(ancestor.value);
        };
    }

    @Override
    public String toString() {
        return value;
    }
}
