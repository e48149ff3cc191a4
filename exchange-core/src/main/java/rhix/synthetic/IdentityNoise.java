package rhix.synthetic;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import rhix.identity.ResidentId;

/**
 * How a person's record at a second hospital drifts from the truth. Resident ID typos are modelled
 * as what gets past a hospital information system: HIS software checks the GB 11643 check
 * character, so a number that fails it is refused at the desk. What reaches the platform is a
 * missing number, the legacy 15-digit form, or a wrong but valid number (a neighbouring sequence
 * code, the right check character recomputed). Invalid numbers appear only when the spec asks.
 */
final class IdentityNoise {

    enum Kind {
        HOMOPHONE_CHARACTER,
        MISTYPED_CHARACTER,
        PINYIN_SPELLING,
        PHONE_DIGITS_SWAPPED,
        PHONE_CHANGED,
        RESIDENT_ID_MISSING,
        RESIDENT_ID_LEGACY,
        RESIDENT_ID_MISTYPED_VALID,
        RESIDENT_ID_INVALID,
        BIRTH_DATE_DAY_MONTH_SWAPPED
    }

    private static final Kind[] RANDOM_KINDS = {Kind.HOMOPHONE_CHARACTER, Kind.HOMOPHONE_CHARACTER, Kind.MISTYPED_CHARACTER,
            Kind.PINYIN_SPELLING, Kind.PHONE_DIGITS_SWAPPED, Kind.PHONE_CHANGED, Kind.PHONE_CHANGED,
            Kind.RESIDENT_ID_MISSING, Kind.RESIDENT_ID_MISSING, Kind.RESIDENT_ID_MISTYPED_VALID,
            Kind.BIRTH_DATE_DAY_MONTH_SWAPPED};

    private final RegionSpec spec;

    IdentityNoise(RegionSpec spec) {
        this.spec = spec;
    }

    /** The person as recorded at their {@code visitIndex}-th hospital (0 = the first, recorded faithfully). */
    RecordedIdentity record(Person person, int visitIndex, SplittableRandom random) {
        Set<Kind> kinds = EnumSet.noneOf(Kind.class);
        if (visitIndex > 0 && random.nextDouble() < spec.noiseRate()) {
            kinds.add(RANDOM_KINDS[random.nextInt(RANDOM_KINDS.length)]);
            if (random.nextInt(4) == 0) {
                kinds.add(RANDOM_KINDS[random.nextInt(RANDOM_KINDS.length)]);
            }
        }
        if (person.birthDate().getYear() < 2000 && random.nextDouble() < spec.legacyIdShare()) {
            kinds.add(Kind.RESIDENT_ID_LEGACY);
        }
        if (random.nextDouble() < spec.invalidIdShare()) {
            kinds.add(Kind.RESIDENT_ID_INVALID);
        }

        List<ChineseNames.Syllable> given = new ArrayList<>(person.given());
        if (kinds.contains(Kind.HOMOPHONE_CHARACTER)) {
            int at = random.nextInt(given.size());
            if (ChineseNames.hasHomophone(given.get(at))) {
                given.set(at, ChineseNames.homophoneOf(given.get(at), random));
            } else {
                kinds.remove(Kind.HOMOPHONE_CHARACTER);
            }
        }
        if (kinds.contains(Kind.MISTYPED_CHARACTER)) {
            int at = random.nextInt(given.size());
            given.set(at, ChineseNames.given(random));
        }
        StringBuilder givenPinyin = new StringBuilder();
        given.forEach(syllable -> givenPinyin.append(syllable.pinyin()));
        String pinyin = person.surname().pinyin() + " " + givenPinyin;
        if (kinds.contains(Kind.PINYIN_SPELLING)) {
            pinyin = random.nextBoolean() ? pinyin.toUpperCase(Locale.ROOT) : pinyin.replace(" ", "");
        }

        String phone = person.phone();
        if (kinds.contains(Kind.PHONE_DIGITS_SWAPPED)) {
            int at = 3 + random.nextInt(7);
            char[] digits = phone.toCharArray();
            char swapped = digits[at];
            digits[at] = digits[at + 1];
            digits[at + 1] = swapped;
            phone = new String(digits);
        }
        if (kinds.contains(Kind.PHONE_CHANGED)) {
            phone = SyntheticPeople.phone(random);
        }

        LocalDate birth = person.birthDate();
        String birthDate = birth.toString();
        if (kinds.contains(Kind.BIRTH_DATE_DAY_MONTH_SWAPPED)) {
            if (birth.getDayOfMonth() <= 12 && birth.getDayOfMonth() != birth.getMonthValue()) {
                birthDate = LocalDate.of(birth.getYear(), birth.getDayOfMonth(), birth.getMonthValue()).toString();
            } else {
                kinds.remove(Kind.BIRTH_DATE_DAY_MONTH_SWAPPED);
            }
        }

        return new RecordedIdentity(person.surname().character(), given.stream().map(ChineseNames.Syllable::character).toList(),
                pinyin, residentIdText(person.residentId(), kinds, random), birthDate, phone, kinds);
    }

    private static String residentIdText(ResidentId id, Set<Kind> kinds, SplittableRandom random) {
        if (kinds.contains(Kind.RESIDENT_ID_MISSING)) {
            return null;
        }
        ResidentId recorded = id;
        if (kinds.contains(Kind.RESIDENT_ID_MISTYPED_VALID)) {
            // Same sex (parity kept), neighbouring sequence code, check character recomputed.
            int sequence = id.sequence() >= 997 ? id.sequence() - 2 : id.sequence() + 2;
            recorded = ResidentId.of(id.addressCode(), id.birthDate(), sequence);
        }
        if (kinds.contains(Kind.RESIDENT_ID_INVALID)) {
            char check = recorded.value().charAt(17);
            char wrong = check == '0' ? '1' : '0';
            return recorded.value().substring(0, 17) + wrong;
        }
        if (kinds.contains(Kind.RESIDENT_ID_LEGACY) && recorded.birthDate().getYear() < 2000) {
            return recorded.toLegacyForm();
        }
        kinds.remove(Kind.RESIDENT_ID_LEGACY);
        return recorded.value();
    }
}
