package rhix.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static rhix.synthetic.GeneratedRegions.STANDARD;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import rhix.fhir.RhixNamingSystems;

/** What the resources say: valid FHIR as HAPI writes it, Chinese identity data, local lab dialects, plausible times and values. */
class FhirContentTest {

    private static final String LOINC = "http://loinc.org";
    private static final String UCUM = "http://unitsofmeasure.org";
    private static final Pattern TIME = Pattern.compile(
            "\"(start|end|effectiveDateTime|issued|recordedDate)\":\"([^\"]+)\"");
    /** The LOINC codes of the brief and the UCUM units each is reported in: checked independently of the catalog. */
    private static final Map<String, Set<String>> LOINC_UNITS = Map.ofEntries(
            Map.entry("14749-6", Set.of("mmol/L")), Map.entry("2345-7", Set.of("mg/dL")),
            Map.entry("718-7", Set.of("g/L", "g/dL")), Map.entry("6690-2", Set.of("10*9/L")), Map.entry("777-3", Set.of("10*9/L")),
            Map.entry("1742-6", Set.of("U/L")), Map.entry("1920-8", Set.of("U/L")), Map.entry("14682-9", Set.of("umol/L")),
            Map.entry("2160-0", Set.of("mg/dL")), Map.entry("14647-2", Set.of("mmol/L")), Map.entry("2093-3", Set.of("mg/dL")),
            Map.entry("4548-4", Set.of("%")), Map.entry("2823-3", Set.of("mmol/L")), Map.entry("2951-2", Set.of("mmol/L")),
            Map.entry("3016-3", Set.of("m[IU]/L")));

    private final InMemoryRegionSink region = GeneratedRegions.region(STANDARD);

    @Test
    void everyResourceParsesStrictlyAndEncodesBackByteForByte() {
        IParser strict = GeneratedRegions.strictParser();
        IParser encoder = FhirContext.forR4Cached().newJsonParser();
        Set<String> types = new HashSet<>();
        region.recordsByHospital().values().forEach(records -> records.forEach(record -> {
            String json = record.toJson();
            Resource parsed = (Resource) strict.parseResource(json);
            assertThat(parsed.fhirType()).isEqualTo(record.resourceType());
            assertThat(parsed.getIdPart()).isEqualTo(record.id()).matches("[A-Za-z0-9\\-.]{1,64}");
            assertThat(encoder.encodeResourceToString(parsed)).as("HAPI's own encoding of " + record.reference()).isEqualTo(json);
            types.add(record.getClass().getSimpleName());
        }));
        assertThat(types).hasSize(7);
    }

    @Test
    void allTimesFallBeforeAsOfAndInOrder() {
        OffsetDateTime asOf = STANDARD.asOf().atStartOfDay().atOffset(ZoneOffset.ofHours(8));
        int times = 0;
        for (List<SyntheticResource> records : region.recordsByHospital().values()) {
            for (SyntheticResource record : records) {
                Matcher matcher = TIME.matcher(record.toJson());
                while (matcher.find()) {
                    assertThat(OffsetDateTime.parse(matcher.group(2))).as(record.reference() + " " + matcher.group(1)).isBefore(asOf);
                    times++;
                }
            }
        }
        assertThat(times).isGreaterThan(STANDARD.persons() * 10);
        for (Resource resource : all()) {
            if (resource instanceof Observation observation) {
                assertThat(observation.getIssued()).isAfterOrEqualTo(observation.getEffectiveDateTimeType().getValue());
            } else if (resource instanceof org.hl7.fhir.r4.model.Encounter encounter) {
                assertThat(encounter.getPeriod().getEnd()).isAfter(encounter.getPeriod().getStart());
            } else if (resource instanceof Patient patient) {
                assertThat(LocalDate.parse(patient.getBirthDateElement().getValueAsString())).isBefore(STANDARD.asOf());
            }
        }
    }

    @Test
    void patientsCarryChineseNamesPinyinMobilesAndAnAddressWithItsDivisionCode() {
        Map<String, String> countyNames = new HashMap<>();
        region.layout().counties().forEach(node -> countyNames.put(node.division().value(), node.divisionName()));
        for (Patient patient : GeneratedRegions.patients(region)) {
            var name = patient.getNameFirstRep();
            assertThat(name.getText()).isEqualTo(name.getFamily() + name.getGivenAsSingleString()).matches("\\p{IsHan}{2,4}");
            assertThat(name.getExtensionByUrl(RhixNamingSystems.PINYIN_EXTENSION).getValue().primitiveValue())
                    .matches("[A-Za-züÜ ]+");
            assertThat(patient.getTelecomFirstRep().getValue()).matches("1[3-9]\\d{9}");
            assertThat(patient.getGender()).isIn(Enumerations.AdministrativeGender.MALE, Enumerations.AdministrativeGender.FEMALE);
            Address address = patient.getAddressFirstRep();
            String division = address.getExtensionByUrl(RhixNamingSystems.ADMIN_DIVISION).getValue().primitiveValue();
            assertThat(countyNames).containsKey(division);
            assertThat(address.getDistrict()).isEqualTo(countyNames.get(division));
            assertThat(address.getText()).startsWith("浙江省" + address.getCity() + address.getDistrict());
            assertThat(patient.getManagingOrganization().getReference()).startsWith("Organization/");
        }
    }

    @Test
    void everyLabResultIsInTheHospitalsOwnCodeSystemMappedToTheLoincCodeOfItsUnit() {
        Set<String> loincCodesUsed = new HashSet<>();
        region.resourcesByHospital().forEach((organization, resources) -> {
            ConceptMap map = region.conceptMaps().get(organization);
            assertThat(map.getSourceUriType().getValue()).isEqualTo(RhixNamingSystems.hospitalLabCodes(organization));
            Map<String, String> loincOf = new HashMap<>();
            map.getGroupFirstRep().getElement().forEach(element -> {
                assertThat(element.getTargetFirstRep().getEquivalence()).isEqualTo(Enumerations.ConceptMapEquivalence.EQUIVALENT);
                assertThat(loincOf.put(element.getCode(), element.getTargetFirstRep().getCode())).as("code mapped once").isNull();
            });
            assertThat(map.getGroupFirstRep().getTarget()).isEqualTo(LOINC);
            for (Resource resource : resources) {
                if (!(resource instanceof Observation observation)) {
                    continue;
                }
                assertThat(observation.getStatus()).isEqualTo(Observation.ObservationStatus.FINAL);
                assertThat(observation.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("laboratory");
                var coding = observation.getCode().getCodingFirstRep();
                assertThat(coding.getSystem()).isEqualTo(RhixNamingSystems.hospitalLabCodes(organization));
                assertThat(loincOf).as(organization + " maps " + coding.getCode()).containsKey(coding.getCode());
                String loinc = loincOf.get(coding.getCode());
                Quantity value = observation.getValueQuantity();
                assertThat(value.getSystem()).isEqualTo(UCUM);
                assertThat(LOINC_UNITS).as("known LOINC code " + loinc).containsKey(loinc);
                assertThat(LOINC_UNITS.get(loinc)).as(loinc + " in " + value.getCode()).contains(value.getCode());
                assertThat(observation.getSubject().getReference()).startsWith("Patient/");
                assertThat(observation.getEncounter().getReference()).startsWith("Encounter/");
                assertThat(observation.getPerformerFirstRep().getReference()).isEqualTo("Organization/" + organization.toLowerCase() + "-org");
                loincCodesUsed.add(loinc);
            }
        });
        assertThat(loincCodesUsed).as("every test in every unit is reported somewhere").isEqualTo(LOINC_UNITS.keySet());
    }

    @Test
    void hospitalsCodeTheSameTestDifferentlyAndSomeReportGlucoseInMgPerDl() {
        Map<String, String> glucoseCodeByHospital = new HashMap<>();
        List<BigDecimal> millimoles = new ArrayList<>();
        List<BigDecimal> milligrams = new ArrayList<>();
        region.resourcesByHospital().forEach((organization, resources) -> resources.stream()
                .filter(Observation.class::isInstance).map(Observation.class::cast)
                .filter(observation -> observation.getCode().getText().contains("葡萄糖"))
                .forEach(observation -> {
                    glucoseCodeByHospital.put(organization, observation.getCode().getCodingFirstRep().getCode());
                    (observation.getValueQuantity().getCode().equals("mg/dL") ? milligrams : millimoles)
                            .add(observation.getValueQuantity().getValue());
                }));

        assertThat(glucoseCodeByHospital).hasSize(13);
        assertThat(new HashSet<>(glucoseCodeByHospital.values())).hasSizeGreaterThanOrEqualTo(4);
        assertThat(milligrams.size()).isPositive().isLessThan(millimoles.size());
        double ratio = median(milligrams) / median(millimoles);
        assertThat(ratio).as("mg/dL values are converted, not relabelled").isBetween(15.0, 21.5);
    }

    @Test
    void mostResultsAreNormalSomeHighSomeLowAndTheFlagAgreesWithTheRange() {
        Map<String, Integer> flags = new HashMap<>();
        for (Resource resource : all()) {
            if (resource instanceof Observation observation) {
                String flag = observation.getInterpretationFirstRep().getCodingFirstRep().getCode();
                BigDecimal value = observation.getValueQuantity().getValue();
                var range = observation.getReferenceRangeFirstRep();
                String expected = value.compareTo(range.getLow().getValue()) < 0 ? "L"
                        : value.compareTo(range.getHigh().getValue()) > 0 ? "H" : "N";
                assertThat(flag).as(observation.getId()).isEqualTo(expected);
                assertThat(value).isPositive();
                flags.merge(flag, 1, Integer::sum);
            }
        }
        int total = flags.values().stream().mapToInt(Integer::intValue).sum();
        assertThat(flags.get("H")).isGreaterThan(total / 50);
        assertThat(flags.get("L")).isGreaterThan(total / 100);
        assertThat((double) flags.get("N") / total).isBetween(0.5, 0.9);
    }

    @Test
    void diagnosesAreIcd10CodesWithChineseNames() {
        Set<String> codes = new HashSet<>();
        for (Resource resource : all()) {
            if (resource instanceof Condition condition) {
                var coding = condition.getCode().getCodingFirstRep();
                assertThat(coding.getSystem()).isEqualTo("http://hl7.org/fhir/sid/icd-10");
                assertThat(coding.getCode()).matches("[A-Z]\\d{2}(\\.\\d)?");
                assertThat(coding.getDisplay()).matches(".*\\p{IsHan}.*");
                assertThat(condition.getEncounter().getReference()).startsWith("Encounter/");
                codes.add(coding.getCode());
            }
        }
        assertThat(codes).hasSizeGreaterThanOrEqualTo(28).contains("I10", "E11.9", "J18.9", "K29.7");
    }

    @Test
    void labReportsGroupTheirVisitsResultsAndImagingReportsCarryALocalExamCodeAndAConclusion() {
        Set<String> chestCtCodes = new HashSet<>();
        int imaging = 0;
        for (Map.Entry<String, List<Resource>> hospital : region.resourcesByHospital().entrySet()) {
            Map<String, String> encounterOfResult = new HashMap<>();
            for (Resource resource : hospital.getValue()) {
                if (resource instanceof Observation observation) {
                    encounterOfResult.put("Observation/" + observation.getIdPart(), observation.getEncounter().getReference());
                } else if (resource instanceof DiagnosticReport report) {
                    String category = report.getCategoryFirstRep().getCodingFirstRep().getCode();
                    if (category.equals("LAB")) {
                        assertThat(report.getResult()).isNotEmpty().allSatisfy(result ->
                                assertThat(encounterOfResult.get(result.getReference())).isEqualTo(report.getEncounter().getReference()));
                    } else {
                        assertThat(category).isEqualTo("RAD");
                        var local = report.getCode().getCodingFirstRep();
                        assertThat(local.getSystem()).isEqualTo(HospitalConventions.examCodeSystem(hospital.getKey()));
                        assertThat(report.getCode().getCoding().get(1).getSystem()).isEqualTo(LOINC);
                        assertThat(report.getConclusion()).matches(".*\\p{IsHan}.*");
                        if (local.getDisplay().equals("胸部CT平扫")) {
                            chestCtCodes.add(local.getCode());
                        }
                        imaging++;
                    }
                }
            }
        }
        assertThat(imaging).isGreaterThan(STANDARD.persons() / 10);
        assertThat(chestCtCodes).as("hospitals name exams in their own codes").hasSizeGreaterThanOrEqualTo(3);
    }

    private List<Resource> all() {
        List<Resource> resources = new ArrayList<>();
        region.resourcesByHospital().values().forEach(resources::addAll);
        return resources;
    }

    private static double median(List<BigDecimal> values) {
        List<BigDecimal> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2).doubleValue();
    }
}
