package rhix.synthetic;

import java.util.List;
import java.util.Set;

/**
 * A person as one hospital recorded them, noise included.
 *
 * @param residentIdText the number as recorded (18 characters, 15-digit legacy form, or null when missing)
 * @param birthDate      ISO date as recorded
 * @param noise          which kinds of noise this record carries (empty for a faithful record)
 */
record RecordedIdentity(String familyName, List<String> givenCharacters, String pinyin, String residentIdText,
                        String birthDate, String phone, Set<NoiseKind> noise) {

    RecordedIdentity {
        givenCharacters = List.copyOf(givenCharacters);
        noise = Set.copyOf(noise);
    }

    String givenName() {
        return String.join("", givenCharacters);
    }

    String nameZh() {
        return familyName + givenName();
    }
}
