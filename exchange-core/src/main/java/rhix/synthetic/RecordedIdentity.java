package rhix.synthetic;

import java.util.List;
import java.util.Set;

/**
 * A person as one hospital recorded them, noise included.
 *
 * @param residentIdText the number as recorded (18 characters, 15-digit legacy, or null when missing)
 * @param birthDate      ISO date as recorded
 * @param noise          which kinds of noise this record carries (empty for a faithful record)
 */
record RecordedIdentity(String familyName, List<String> givenCharacters, String pinyin, String residentIdText,
                        String birthDate, String phone, Set<IdentityNoise.Kind> noise) {

    String nameZh() {
        return familyName + String.join("", givenCharacters);
    }
}
