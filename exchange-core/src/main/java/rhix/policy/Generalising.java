package rhix.policy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Pattern;
import rhix.identity.AdminDivisionCode;

/**
 * {@link Deidentification#GENERALISE}: a value replaced by a less precise one that still supports
 * analysis.
 *
 * <table>
 *   <caption>FINE and COARSE per kind</caption>
 *   <tr><th>kind</th><th>FINE</th><th>COARSE</th></tr>
 *   <tr><td>DATE (ISO date or date-time)</td><td>year-month: 2026-08</td><td>year: 2026</td></tr>
 *   <tr><td>AGE (whole years)</td><td>5-year band: 35-39</td><td>10-year band: 30-39</td></tr>
 *   <tr><td>DIVISION_CODE (GB/T 2260)</td><td>its city: 330106 → 330100</td><td>its province: 330000</td></tr>
 *   <tr><td>DIAGNOSIS_CODE (ICD-10)</td><td>3-character category: E11.9 → E11</td><td>the letter, roughly the chapter: E</td></tr>
 *   <tr><td>NUMBER</td><td>one significant digit: 6.3 → [6, 7), 143 → [100, 200)</td><td>a range ten times wider: 6.3 → [0, 10), 143 → [0, 1000)</td></tr>
 * </table>
 * Ages of 90 and over become {@code 90+} at both levels: so few people are that old that an exact band
 * singles them out. Error messages describe a malformed value without repeating it, because it is
 * protected data and messages end up in logs.
 */
final class Generalising {

    private static final int TOP_CODED_AGE = 90;
    private static final int OLDEST_AGE = 150;
    private static final Pattern ICD10 = Pattern.compile("[A-Z][0-9][0-9A-Z](\\.?[0-9A-Z]{1,4})?");

    private Generalising() {
    }

    static String generalise(ValueKind kind, Generalisation generalisation, String value) {
        String text = value.strip();
        boolean fine = generalisation == Generalisation.FINE;
        return switch (kind) {
            case DATE -> {
                LocalDate date = date(text);
                yield fine ? String.format("%04d-%02d", date.getYear(), date.getMonthValue()) : String.valueOf(date.getYear());
            }
            case AGE -> ageBand(age(text), fine ? 5 : 10);
            case DIVISION_CODE -> {
                AdminDivisionCode code = division(text);
                yield (fine && code.level() != AdminDivisionCode.Level.PROVINCE ? code.city() : code.province()).value();
            }
            case DIAGNOSIS_CODE -> {
                String code = text.toUpperCase(java.util.Locale.ROOT);
                if (!ICD10.matcher(code).matches()) {
                    throw malformed(kind, "an ICD-10 code (letter, two digits, optional subdivision)", text);
                }
                yield fine ? code.substring(0, 3) : code.substring(0, 1);
            }
            case NUMBER -> range(number(text), fine);
            default -> throw new IllegalArgumentException("GENERALISE does not apply to " + kind + " values");
        };
    }

    private static LocalDate date(String text) {
        try {
            if (text.length() < 10) {
                throw new DateTimeException("too short");
            }
            return LocalDate.parse(text.substring(0, 10));
        } catch (DateTimeException e) {
            throw malformed(ValueKind.DATE, "an ISO date or date-time starting yyyy-MM-dd", text);
        }
    }

    private static int age(String text) {
        try {
            int age = Integer.parseInt(text);
            if (age >= 0 && age <= OLDEST_AGE) {
                return age;
            }
        } catch (NumberFormatException e) {
            // described below
        }
        throw malformed(ValueKind.AGE, "whole years 0.." + OLDEST_AGE, text);
    }

    private static String ageBand(int age, int width) {
        if (age >= TOP_CODED_AGE) {
            return TOP_CODED_AGE + "+";
        }
        int lower = age / width * width;
        return lower + "-" + (lower + width - 1);
    }

    private static AdminDivisionCode division(String text) {
        if (!AdminDivisionCode.isWellFormed(text)) {
            throw malformed(ValueKind.DIVISION_CODE, "a 6-digit GB/T 2260 code", text);
        }
        return AdminDivisionCode.of(text);
    }

    private static BigDecimal number(String text) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw malformed(ValueKind.NUMBER, "a decimal number", text);
        }
    }

    /** The half-open range of width 10^k holding the value: k from its leading digit, +1 for COARSE. */
    private static String range(BigDecimal value, boolean fine) {
        if (value.signum() == 0) {
            return "0";
        }
        int magnitude = value.precision() - value.scale() - 1;
        BigDecimal width = BigDecimal.ONE.scaleByPowerOfTen(fine ? magnitude : magnitude + 1);
        BigDecimal lower = value.divide(width, 0, RoundingMode.FLOOR).multiply(width);
        return "[" + plain(lower) + ", " + plain(lower.add(width)) + ")";
    }

    private static String plain(BigDecimal value) {
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }

    private static IllegalArgumentException malformed(ValueKind kind, String expected, String text) {
        return new IllegalArgumentException("cannot GENERALISE a " + kind + " value that is not " + expected
                + " (the value, " + text.length() + " characters, is not repeated here)");
    }
}
