package rhix.mpi.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import rhix.identity.AdminDivisionCode;
import rhix.identity.ResidentId;

/** The comparators on the kinds of noise the same person's records carry across hospitals. */
class TraitComparatorsTest {

    private static final LocalDate BORN = LocalDate.of(1968, 3, 7);
    private static final String ID = ResidentId.of(AdminDivisionCode.of("330102"), BORN, 123).value();

    @Test
    void aLegacyFifteenDigitNumberAgreesWithItsEighteenDigitForm() {
        String legacy = ID.substring(0, 6) + ID.substring(8, 17);

        assertThat(Trait.RESIDENT_ID.compare(record("王芳", "wang fang", ID, BORN, "13800001111"),
                record("王芳", "wang fang", legacy, BORN, "13800001111"))).isEqualTo(Agreement.AGREE);
    }

    @Test
    void aTranspositionTheCheckCharacterMissesIsPartialAndAnInvalidNumberIsMissingNotADisagreement() {
        String transposed = validTransposition(ID);
        IdentityRecord invalid = record("王芳", "wang fang", ID.substring(0, 17) + (ID.charAt(17) == '1' ? '2' : '1'), BORN, null);

        assertThat(Trait.RESIDENT_ID.compare(record("王芳", "wang fang", ID, BORN, null),
                record("王芳", "wang fang", transposed, BORN, null))).isEqualTo(Agreement.PARTIAL);
        assertThat(invalid.hasInvalidResidentId()).isTrue();
        assertThat(Trait.RESIDENT_ID.compare(record("王芳", "wang fang", ID, BORN, null), invalid)).isEqualTo(Agreement.MISSING);
        assertThat(Trait.RESIDENT_ID.compare(record("王芳", "wang fang", ID, BORN, null),
                record("李雷", "li lei", ResidentId.of(AdminDivisionCode.of("330225"), LocalDate.of(1990, 1, 1), 7).value(), BORN, null)))
                .isEqualTo(Agreement.DISAGREE);
    }

    @Test
    void twoValidNumbersOneSequenceDigitApartAreTwoPeopleBornTheSameDayInTheSameCounty() {
        // A mistyped digit cannot pass the check character; a different one follows from a different sequence number.
        String neighbour = ResidentId.of(AdminDivisionCode.of("330102"), BORN, 124).value();

        assertThat(Trait.RESIDENT_ID.compare(record("王芳", "wang fang", ID, BORN, null), record("王芳", "wang fang", neighbour, BORN, null)))
                .isEqualTo(Agreement.DISAGREE);
    }

    /** A swap of two of {@code id}'s characters that still passes every GB 11643 check, as a clerk's typo can. */
    private static String validTransposition(String id) {
        for (int i = 0; i < id.length(); i++) {
            for (int j = i + 1; j < id.length(); j++) {
                if (id.charAt(i) == id.charAt(j)) {
                    continue;
                }
                char[] swapped = id.toCharArray();
                swapped[i] = id.charAt(j);
                swapped[j] = id.charAt(i);
                IdentityRecord candidate = record("王芳", "wang fang", new String(swapped), BORN, null);
                if (!candidate.hasInvalidResidentId()) {
                    return new String(swapped);
                }
            }
        }
        throw new IllegalStateException("no valid transposition of " + id);
    }

    @Test
    void homophonesAndRomanizationVariantsArePartialOtherNamesDisagree() {
        assertThat(Trait.NAME.compare(record("李娜", "li na", null, BORN, null), record("李娜", "Li Na", null, BORN, null)))
                .isEqualTo(Agreement.AGREE);
        assertThat(Trait.NAME.compare(record("李娜", "li na", null, BORN, null), record("李纳", "li na", null, BORN, null)))
                .isEqualTo(Agreement.PARTIAL);
        assertThat(Trait.NAME.compare(record("张晓明", "zhang xiaoming", null, BORN, null),
                record("张小明", "zhang xiaoming", null, BORN, null))).isEqualTo(Agreement.PARTIAL);
        assertThat(Trait.NAME.compare(record("王芳", "wang fang", null, BORN, null), record("赵敏", "zhao min", null, BORN, null)))
                .isEqualTo(Agreement.DISAGREE);
    }

    @Test
    void swappedDayAndMonthOrOneMistypedDigitOfTheBirthDateArePartial() {
        IdentityRecord born = record("王芳", "wang fang", null, BORN, null);

        assertThat(Trait.BIRTH_DATE.compare(born, record("王芳", "wang fang", null, LocalDate.of(1968, 7, 3), null)))
                .isEqualTo(Agreement.PARTIAL);
        assertThat(Trait.BIRTH_DATE.compare(born, record("王芳", "wang fang", null, LocalDate.of(1969, 3, 7), null)))
                .isEqualTo(Agreement.PARTIAL);
        assertThat(Trait.BIRTH_DATE.compare(born, record("王芳", "wang fang", null, LocalDate.of(1975, 11, 20), null)))
                .isEqualTo(Agreement.DISAGREE);
        assertThat(Trait.BIRTH_DATE.compare(born, record("王芳", "wang fang", null, null, null))).isEqualTo(Agreement.MISSING);
    }

    @Test
    void phonesAgreeAcrossFormattingAndAMistypedOrSwappedDigitIsPartial() {
        IdentityRecord phone = record("王芳", "wang fang", null, BORN, "138-0000-1111");

        assertThat(Trait.PHONE.compare(phone, record("王芳", "wang fang", null, BORN, "13800001111"))).isEqualTo(Agreement.AGREE);
        assertThat(Trait.PHONE.compare(phone, record("王芳", "wang fang", null, BORN, "13800001181"))).isEqualTo(Agreement.PARTIAL);
        assertThat(Trait.PHONE.compare(phone, record("王芳", "wang fang", null, BORN, "18300001111"))).isEqualTo(Agreement.PARTIAL);
        assertThat(Trait.PHONE.compare(phone, record("王芳", "wang fang", null, BORN, "15955552222"))).isEqualTo(Agreement.DISAGREE);
    }

    private static IdentityRecord record(String name, String pinyin, String residentId, LocalDate birthDate, String phone) {
        return IdentityRecord.of("county-330102", "local-" + name, name, pinyin, "female", birthDate, residentId, phone, "330102");
    }
}
