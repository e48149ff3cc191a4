package rhix.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static rhix.synthetic.GeneratedRegions.residentIdText;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import rhix.fhir.RhixNamingSystems;
import rhix.identity.ResidentId;

/**
 * Identity noise measured from the records alone: a person's first record is faithful, so a later
 * record that differs from it in name, pinyin, number, birth date or phone is a noisy one.
 * Legacy numbers are switched off here, as they differ from the first record without being noise.
 */
class IdentityNoiseTest {

    private static final RegionSpec NOISE_ONLY = GeneratedRegions.STANDARD.withLegacyIdShare(0);

    /** The identity traits of one record, as another system would compare them. */
    private record Traits(String name, String pinyin, String residentId, String birthDate, String phone) {

        static Traits of(Patient patient) {
            return new Traits(patient.getNameFirstRep().getText(),
                    patient.getNameFirstRep().getExtensionByUrl(RhixNamingSystems.PINYIN_EXTENSION).getValue().primitiveValue(),
                    residentIdText(patient).orElse(null), patient.getBirthDateElement().getValueAsString(),
                    patient.getTelecomFirstRep().getValue());
        }
    }

    @Test
    void aboutTheConfiguredShareOfLaterRecordsCarriesNoise() {
        List<Traits[]> pairs = firstAndLater(NOISE_ONLY);
        long noisy = pairs.stream().filter(pair -> !pair[0].equals(pair[1])).count();

        double rate = (double) noisy / pairs.size();
        assertThat(pairs.size()).isGreaterThan(1000);
        // 0.3 asked; with ~1,600 later records the standard error is about 0.012.
        assertThat(rate).isBetween(0.25, 0.35);
        assertThat(GeneratedRegions.summary(NOISE_ONLY).observedNoiseRate()).isEqualTo(rate);
    }

    @Test
    void withoutNoiseEveryLaterRecordMatchesTheFirst() {
        List<Traits[]> pairs = firstAndLater(RegionSpec.of(600).withNoiseRate(0).withLegacyIdShare(0));

        assertThat(pairs).isNotEmpty().allSatisfy(pair -> assertThat(pair[1]).isEqualTo(pair[0]));
    }

    @Test
    void atFullNoiseEveryLaterRecordDiffersAndEveryKindOccurs() {
        RegionSpec allNoisy = RegionSpec.of(800).withNoiseRate(1).withLegacyIdShare(0);
        List<Traits[]> pairs = firstAndLater(allNoisy);
        Set<NoiseKind> seen = EnumSet.noneOf(NoiseKind.class);
        for (Traits[] pair : pairs) {
            Traits first = pair[0];
            Traits later = pair[1];
            assertThat(later).isNotEqualTo(first);
            if (!later.name().equals(first.name())) {
                seen.add(later.pinyin().equals(first.pinyin()) ? NoiseKind.HOMOPHONE_CHARACTER : NoiseKind.MISTYPED_CHARACTER);
            } else if (!later.pinyin().equals(first.pinyin())) {
                assertThat(normalised(later.pinyin())).isEqualTo(normalised(first.pinyin()));
                seen.add(NoiseKind.PINYIN_SPELLING);
            }
            if (!later.phone().equals(first.phone())) {
                assertThat(later.phone()).hasSize(11).containsOnlyDigits();
                seen.add(sortedDigits(later.phone()).equals(sortedDigits(first.phone()))
                        ? NoiseKind.PHONE_DIGITS_SWAPPED : NoiseKind.PHONE_CHANGED);
            }
            if (later.residentId() == null) {
                seen.add(NoiseKind.RESIDENT_ID_MISSING);
            } else if (!later.residentId().equals(first.residentId())) {
                assertThat(ResidentId.isValid(later.residentId())).as("a mistyped number still passes").isTrue();
                seen.add(NoiseKind.RESIDENT_ID_MISTYPED);
            }
            if (!later.birthDate().equals(first.birthDate())) {
                seen.add(NoiseKind.BIRTH_DATE_DAY_MONTH_SWAPPED);
            }
        }
        Set<NoiseKind> identityKinds = EnumSet.allOf(NoiseKind.class);
        identityKinds.removeIf(kind -> !kind.isIdentityNoise());
        assertThat(seen).isEqualTo(identityKinds);
        assertThat(GeneratedRegions.summary(allNoisy).noise().keySet()).containsAll(identityKinds);
    }

    /** For every person with several records: (first, later) for each later record. */
    private static List<Traits[]> firstAndLater(RegionSpec spec) {
        InMemoryRegionSink region = GeneratedRegions.region(spec);
        Map<String, Long> personOf = region.groundTruth().stream()
                .collect(Collectors.toMap(GroundTruthRow::patientResourceId, GroundTruthRow::personKey));
        Map<String, Integer> orderOf = new HashMap<>();
        for (int i = 0; i < region.groundTruth().size(); i++) {
            orderOf.put(region.groundTruth().get(i).patientResourceId(), i);
        }
        Map<Long, List<Patient>> byPerson = new HashMap<>();
        GeneratedRegions.patients(region).stream()
                .sorted(java.util.Comparator.comparing(patient -> orderOf.get(patient.getIdPart())))
                .forEach(patient -> byPerson.computeIfAbsent(personOf.get(patient.getIdPart()), key -> new ArrayList<>()).add(patient));
        List<Traits[]> pairs = new ArrayList<>();
        for (List<Patient> records : byPerson.values()) {
            Traits first = Traits.of(records.getFirst());
            records.subList(1, records.size()).forEach(later -> pairs.add(new Traits[] {first, Traits.of(later)}));
        }
        return pairs;
    }

    private static String normalised(String pinyin) {
        return pinyin.toLowerCase(java.util.Locale.ROOT).replace(" ", "").replace('ü', 'v').replace("lu", "lv").replace("nu", "nv");
    }

    private static String sortedDigits(String phone) {
        char[] digits = phone.toCharArray();
        java.util.Arrays.sort(digits);
        return new String(digits);
    }
}
