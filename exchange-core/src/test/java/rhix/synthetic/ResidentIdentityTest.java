package rhix.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static rhix.synthetic.GeneratedRegions.STANDARD;
import static rhix.synthetic.GeneratedRegions.patients;
import static rhix.synthetic.GeneratedRegions.residentIdText;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import rhix.identity.AdminDivisionCode;
import rhix.identity.Gender;
import rhix.identity.InvalidResidentIdException;
import rhix.identity.ResidentId;

class ResidentIdentityTest {

    private final InMemoryRegionSink region = GeneratedRegions.region(STANDARD);
    private final Map<String, GroundTruthRow> truth = region.groundTruth().stream()
            .collect(Collectors.toMap(GroundTruthRow::patientResourceId, row -> row));

    @Test
    void everyRecordedNumberPassesGb11643OrIsALegacyFifteenDigitNumber() throws InvalidResidentIdException {
        int recorded = 0;
        for (Patient patient : patients(region)) {
            String text = residentIdText(patient).orElse(null);
            if (text == null) {
                continue;
            }
            recorded++;
            ResidentId id = ResidentId.parse(text);
            assertThat(id.legacyForm()).isEqualTo(text.length() == 15);
        }
        assertThat(recorded).isGreaterThan(STANDARD.persons());
    }

    @Test
    void sexAndBirthDateOfEveryPatientAgreeWithItsNumberUnlessTheNumberWasMistyped() throws InvalidResidentIdException {
        int mistyped = 0;
        int transposedDates = 0;
        for (Patient patient : patients(region)) {
            ResidentId truthId = ResidentId.parse(truth.get(patient.getIdPart()).trueResidentId());
            assertThat(Gender.fromFhir(patient.getGender().toCode())).as(patient.getIdPart()).isEqualTo(truthId.sex());
            String recordedBirth = patient.getBirthDateElement().getValueAsString();
            LocalDate birth = truthId.birthDate();
            if (!recordedBirth.equals(birth.toString())) {
                // The only birth-date noise: day and month transposed.
                assertThat(recordedBirth).isEqualTo(LocalDate.of(birth.getYear(), birth.getDayOfMonth(), birth.getMonthValue()).toString());
                transposedDates++;
            }
            String text = residentIdText(patient).orElse(null);
            if (text != null && !ResidentId.parse(text).value().equals(truthId.value())) {
                // A mistyped number: two characters of the true one transposed, still passing every check
                // (a legacy record drops the century and the check character, so one of the two may go with them).
                if (text.length() == 18) {
                    assertThat(differingPositions(text, truthId.value())).as(text).hasSize(2);
                    assertThat(sorted(text)).isEqualTo(sorted(truthId.value()));
                } else {
                    assertThat(differingPositions(text, truthId.toLegacyForm())).as(text).hasSizeBetween(1, 2);
                }
                mistyped++;
            }
        }
        assertThat(mistyped).as("mistyped numbers occur").isPositive();
        assertThat(transposedDates).as("transposed birth dates occur").isPositive();
    }

    @Test
    void noTwoPersonsShareAResidentIdNumber() {
        Map<String, Long> personByNumber = new HashMap<>();
        for (GroundTruthRow row : region.groundTruth()) {
            Long earlier = personByNumber.putIfAbsent(row.trueResidentId(), row.personKey());
            assertThat(earlier == null || earlier == row.personKey()).as("number shared by two persons").isTrue();
        }
        assertThat(personByNumber).hasSize(STANDARD.persons());
    }

    @Test
    void birthRegistrationsAreDistinctUpToCapacityAndRefusedBeyondIt() {
        BirthRegistry registry = new BirthRegistry(List.of(AdminDivisionCode.of("330102"), AdminDivisionCode.of("330127")),
                BirthRegistry.EARLIEST_BIRTH.plusDays(2), 7);
        Set<String> numbers = new HashSet<>();
        for (long key = 1; key <= registry.capacity(); key++) {
            BirthRegistry.Registration registration = registry.register(key);
            for (Gender sex : List.of(Gender.MALE, Gender.FEMALE)) {
                ResidentId id = ResidentId.of(registration.county(), registration.birthDate(), registration.sequence(sex));
                assertThat(id.sex()).isEqualTo(sex);
                assertThat(numbers.add(id.value())).as("distinct number").isTrue();
            }
        }
        assertThat(registry.capacity()).isEqualTo(2 * 3 * BirthRegistry.PAIRS_PER_DAY);
        assertThatThrownBy(() -> registry.register(registry.capacity() + 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void birthDatesRunFrom1935ToAFewMonthsBeforeAsOf() {
        List<LocalDate> births = region.groundTruth().stream().map(row -> parse(row.trueResidentId()).birthDate()).toList();

        assertThat(births).allSatisfy(birth -> assertThat(birth).isBetween(LocalDate.of(1935, 1, 1), STANDARD.asOf().minusDays(90)));
        assertThat(births.stream().filter(birth -> birth.getYear() < 1960)).isNotEmpty();
        assertThat(births.stream().filter(birth -> birth.getYear() >= 2015)).isNotEmpty();
    }

    @Test
    void aboutTheConfiguredShareOfRecordsOfPeopleBornBefore2000CarryTheLegacyNumber() {
        int before2000 = 0;
        int legacy = 0;
        for (Patient patient : patients(region)) {
            int year = parse(truth.get(patient.getIdPart()).trueResidentId()).birthDate().getYear();
            boolean legacyForm = residentIdText(patient).map(text -> text.length() == 15).orElse(false);
            if (year < 2000) {
                before2000++;
                legacy += legacyForm ? 1 : 0;
            } else {
                assertThat(legacyForm).as("no 15-digit number for a birth in " + year).isFalse();
            }
        }
        double share = (double) legacy / before2000;
        assertThat(share).isBetween(STANDARD.legacyIdShare() - 0.03, STANDARD.legacyIdShare() + 0.03);
    }

    @Test
    void anInvalidIdShareProducesNumbersThatFailTheirCheckCharacter() {
        InMemoryRegionSink invalid = GeneratedRegions.region(RegionSpec.of(400).withInvalidIdShare(0.2));
        int recorded = 0;
        int failing = 0;
        for (Patient patient : patients(invalid)) {
            String text = residentIdText(patient).orElse(null);
            if (text == null) {
                continue;
            }
            recorded++;
            try {
                ResidentId.parse(text);
            } catch (InvalidResidentIdException e) {
                assertThat(e.reason()).isEqualTo(InvalidResidentIdException.Reason.CHECK_CHARACTER_MISMATCH);
                failing++;
            }
        }
        assertThat((double) failing / recorded).isBetween(0.12, 0.28);
    }

    private static ResidentId parse(String text) {
        try {
            return ResidentId.parse(text);
        } catch (InvalidResidentIdException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    private static List<Integer> differingPositions(String a, String b) {
        return java.util.stream.IntStream.range(0, a.length()).filter(i -> a.charAt(i) != b.charAt(i)).boxed().toList();
    }

    private static String sorted(String text) {
        char[] characters = text.toCharArray();
        java.util.Arrays.sort(characters);
        return new String(characters);
    }
}
