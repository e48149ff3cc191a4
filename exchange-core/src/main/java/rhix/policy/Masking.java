package rhix.policy;

/**
 * {@link Deidentification#MASK}: part of a value replaced by {@code *}, the part kept chosen so that a
 * person who already knows the record can recognise it, and nobody else can find the person from it.
 *
 * <table>
 *   <caption>What is kept</caption>
 *   <tr><th>kind</th><th>kept</th><th>example</th></tr>
 *   <tr><td>PERSON_NAME</td><td>the first character (usually the surname), one {@code *} per other character</td><td>张三丰 → 张**</td></tr>
 *   <tr><td>PHONE</td><td>first 3 and last 4 digits (separators dropped); under 8 digits all masked</td><td>13812345678 → 138****5678</td></tr>
 *   <tr><td>RESIDENT_ID</td><td>first 6 (the division of registration) and the last character; any other length all masked</td><td>11010519491231002X → 110105***********X</td></tr>
 *   <tr><td>PERSON_ID</td><td>the last 4 characters when longer than 8, otherwise all masked</td><td>MRN00012345 → *******2345</td></tr>
 *   <tr><td>ADDRESS</td><td>the first 6 characters (province and city), then {@code ****}</td><td>浙江省杭州市西湖区文三路90号 → 浙江省杭州市****</td></tr>
 * </table>
 * Values are never partly kept when they do not have the expected shape: a malformed resident ID is masked whole.
 */
final class Masking {

    private static final char MASK = '*';

    private Masking() {
    }

    static String mask(ValueKind kind, String value) {
        return switch (kind) {
            case PERSON_NAME -> keepFirstCodePoint(value.strip());
            case PHONE -> maskPhone(value.replaceAll("[\\s()+-]", ""));
            case RESIDENT_ID -> maskResidentId(value.strip());
            case PERSON_ID -> {
                String id = value.strip();
                yield id.length() > 8 ? stars(id.length() - 4) + id.substring(id.length() - 4) : stars(id.length());
            }
            case ADDRESS -> {
                String address = value.strip();
                int kept = Math.min(6, address.codePointCount(0, address.length()));
                yield address.substring(0, address.offsetByCodePoints(0, kept)) + "****";
            }
            default -> throw new IllegalArgumentException("MASK does not apply to " + kind + " values");
        };
    }

    private static String keepFirstCodePoint(String name) {
        int characters = name.codePointCount(0, name.length());
        if (characters <= 1) {
            return stars(characters);
        }
        int first = name.offsetByCodePoints(0, 1);
        return name.substring(0, first) + stars(characters - 1);
    }

    private static String maskPhone(String digits) {
        if (digits.length() < 8) {
            return stars(digits.length());
        }
        return digits.substring(0, 3) + stars(digits.length() - 7) + digits.substring(digits.length() - 4);
    }

    private static String maskResidentId(String id) {
        if (id.length() != 18 && id.length() != 15) {
            return stars(id.length());
        }
        return id.substring(0, 6) + stars(id.length() - 7) + id.substring(id.length() - 1).toUpperCase(java.util.Locale.ROOT);
    }

    private static String stars(int count) {
        return String.valueOf(MASK).repeat(count);
    }
}
