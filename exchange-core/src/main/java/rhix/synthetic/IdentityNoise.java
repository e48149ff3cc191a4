package rhix.synthetic;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import rhix.identity.ResidentId;

/**
 * How a person's record at a second or later hospital drifts from the truth. The first hospital
 * records them faithfully. A noisy record gets one kind of noise, now and then two; a kind that
 * cannot apply to this person (no homophone for any of their characters, a birth day after the
 * 12th for a day/month swap) is redrawn, so the share of noisy records is the configured rate.
 *
 * <p>Resident ID typos are what gets past a hospital information system: see {@link ResidentIdTypos}.
 * Numbers that fail the check character appear only when {@link RegionSpec#invalidIdShare()} asks.
 */
final class IdentityNoise {

    /** Relative frequencies: misheard names, changed phones and missing numbers are the common slips. */
    private static final NoiseKind[] DRAWN_KINDS = {
            NoiseKind.HOMOPHONE_CHARACTER, NoiseKind.HOMOPHONE_CHARACTER, NoiseKind.HOMOPHONE_CHARACTER,
            NoiseKind.MISTYPED_CHARACTER, NoiseKind.PINYIN_SPELLING, NoiseKind.PINYIN_SPELLING,
            NoiseKind.PHONE_DIGITS_SWAPPED, NoiseKind.PHONE_CHANGED, NoiseKind.PHONE_CHANGED,
            NoiseKind.RESIDENT_ID_MISSING, NoiseKind.RESIDENT_ID_MISSING, NoiseKind.RESIDENT_ID_MISTYPED,
            NoiseKind.BIRTH_DATE_DAY_MONTH_SWAPPED};
    private static final int MAX_REDRAWS = 32;

    private final RegionSpec spec;
    private final LocalDate latestBirth;

    IdentityNoise(RegionSpec spec) {
        this.spec = spec;
        this.latestBirth = spec.asOf();
    }

    /** The person as recorded at their {@code hospitalIndex}-th hospital (0 = the first, recorded faithfully). */
    RecordedIdentity record(Person person, int hospitalIndex, SplittableRandom random) {
        Set<NoiseKind> kinds = EnumSet.noneOf(NoiseKind.class);
        Optional<String> mistypedId = Optional.empty();
        if (hospitalIndex > 0 && random.nextDouble() < spec.noiseRate()) {
            int count = random.nextInt(4) == 0 ? 2 : 1;
            for (int drawn = 0; drawn < count; drawn++) {
                NoiseKind kind = applicableKind(person, random);
                if (kind == NoiseKind.RESIDENT_ID_MISTYPED) {
                    mistypedId = ResidentIdTypos.transposedButValid(person.residentId(), latestBirth, random);
                }
                kinds.add(kind);
            }
            // Where two kinds touch one field, one hides the other (a missing number cannot also be
            // mistyped, a new phone hides a swap): record only what the record shows.
            if (kinds.contains(NoiseKind.RESIDENT_ID_MISSING)) {
                kinds.remove(NoiseKind.RESIDENT_ID_MISTYPED);
            }
            if (kinds.contains(NoiseKind.PHONE_CHANGED)) {
                kinds.remove(NoiseKind.PHONE_DIGITS_SWAPPED);
            }
        }
        if (person.birthDate().getYear() < 2000 && random.nextDouble() < spec.legacyIdShare()) {
            kinds.add(NoiseKind.LEGACY_RESIDENT_ID);
        }
        if (random.nextDouble() < spec.invalidIdShare()) {
            kinds.add(NoiseKind.INVALID_RESIDENT_ID);
        }

        ChineseNames.Syllable surname = person.surname();
        List<ChineseNames.Syllable> given = new ArrayList<>(person.given());
        if (kinds.contains(NoiseKind.HOMOPHONE_CHARACTER)) {
            List<Integer> positions = homophonePositions(person);
            int position = positions.get(random.nextInt(positions.size()));
            if (position < 0) {
                surname = ChineseNames.homophoneOf(surname, random);
            } else {
                given.set(position, ChineseNames.homophoneOf(given.get(position), random));
            }
        }
        if (kinds.contains(NoiseKind.MISTYPED_CHARACTER)) {
            int position = random.nextInt(given.size());
            given.set(position, ChineseNames.otherGiven(given.get(position), random));
        }
        String pinyin = kinds.contains(NoiseKind.PINYIN_SPELLING)
                ? ChineseNames.pinyinVariant(surname, given, random)
                : ChineseNames.pinyin(surname, given);

        String phone = person.phone();
        if (kinds.contains(NoiseKind.PHONE_DIGITS_SWAPPED)) {
            phone = withNeighbouringDigitsSwapped(phone, random);
        }
        if (kinds.contains(NoiseKind.PHONE_CHANGED)) {
            String changed;
            do {
                changed = SyntheticPeople.phone(random);
            } while (changed.equals(person.phone()));
            phone = changed;
        }

        LocalDate birth = person.birthDate();
        String birthDate = kinds.contains(NoiseKind.BIRTH_DATE_DAY_MONTH_SWAPPED)
                ? LocalDate.of(birth.getYear(), birth.getDayOfMonth(), birth.getMonthValue()).toString()
                : birth.toString();

        return new RecordedIdentity(surname.character(), given.stream().map(ChineseNames.Syllable::character).toList(),
                pinyin, residentIdText(person.residentId(), mistypedId, kinds), birthDate, phone, kinds);
    }

    private NoiseKind applicableKind(Person person, SplittableRandom random) {
        for (int attempt = 0; attempt < MAX_REDRAWS; attempt++) {
            NoiseKind kind = DRAWN_KINDS[random.nextInt(DRAWN_KINDS.length)];
            if (applies(kind, person)) {
                return kind;
            }
        }
        return NoiseKind.MISTYPED_CHARACTER;
    }

    private boolean applies(NoiseKind kind, Person person) {
        LocalDate birth = person.birthDate();
        return switch (kind) {
            case HOMOPHONE_CHARACTER -> !homophonePositions(person).isEmpty();
            case PHONE_DIGITS_SWAPPED -> hasDifferingNeighbours(person.phone());
            case BIRTH_DATE_DAY_MONTH_SWAPPED -> birth.getDayOfMonth() <= 12 && birth.getDayOfMonth() != birth.getMonthValue();
            case RESIDENT_ID_MISTYPED -> !ResidentIdTypos.validTranspositions(person.residentId().value(), latestBirth).isEmpty();
            default -> true;
        };
    }

    /** Positions with a homophone to swap in: -1 for a one-character surname, 0.. for given-name characters. */
    private static List<Integer> homophonePositions(Person person) {
        List<Integer> positions = new ArrayList<>(3);
        if (person.surname().character().length() == 1 && ChineseNames.hasHomophone(person.surname())) {
            positions.add(-1);
        }
        for (int i = 0; i < person.given().size(); i++) {
            if (ChineseNames.hasHomophone(person.given().get(i))) {
                positions.add(i);
            }
        }
        return positions;
    }

    private static boolean hasDifferingNeighbours(String phone) {
        for (int i = 3; i < phone.length() - 1; i++) {
            if (phone.charAt(i) != phone.charAt(i + 1)) {
                return true;
            }
        }
        return false;
    }

    /** Swaps two differing neighbouring digits after the three-digit carrier prefix. */
    private static String withNeighbouringDigitsSwapped(String phone, SplittableRandom random) {
        char[] digits = phone.toCharArray();
        int at;
        do {
            at = 3 + random.nextInt(digits.length - 4);
        } while (digits[at] == digits[at + 1]);
        char held = digits[at];
        digits[at] = digits[at + 1];
        digits[at + 1] = held;
        return new String(digits);
    }

    private static String residentIdText(ResidentId id, Optional<String> mistyped, Set<NoiseKind> kinds) {
        if (kinds.contains(NoiseKind.RESIDENT_ID_MISSING)) {
            kinds.remove(NoiseKind.LEGACY_RESIDENT_ID);
            kinds.remove(NoiseKind.INVALID_RESIDENT_ID);
            return null;
        }
        ResidentId recorded = id;
        if (mistyped.isPresent()) {
            recorded = new ResidentId(mistyped.get(), false);
        } else {
            kinds.remove(NoiseKind.RESIDENT_ID_MISTYPED);
        }
        if (kinds.contains(NoiseKind.INVALID_RESIDENT_ID)) {
            // A broken check character: exactly what the node's GB 11643 check must refuse.
            kinds.remove(NoiseKind.LEGACY_RESIDENT_ID);
            char check = recorded.value().charAt(17);
            return recorded.value().substring(0, 17) + (check == '0' ? '1' : '0');
        }
        if (kinds.contains(NoiseKind.LEGACY_RESIDENT_ID)) {
            if (recorded.birthDate().getYear() >= 1900 && recorded.birthDate().getYear() < 2000) {
                return recorded.toLegacyForm();
            }
            kinds.remove(NoiseKind.LEGACY_RESIDENT_ID);
        }
        return recorded.value();
    }
}
