package rhix.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseReference;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rhix.fhir.RhixNamingSystems;
import rhix.identity.Gender;
import rhix.identity.InvalidResidentIdException;
import rhix.identity.ResidentId;

class SyntheticRegionTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final RegionSpec SPEC = RegionSpec.of(1500);
    private static InMemoryRegionSink region;

    @BeforeAll
    static void generate() throws IOException {
        region = new InMemoryRegionSink();
        new SyntheticRegion(SPEC).generate(region);
    }

    @Test
    void theLayoutIsAProvinceWithTwoCitiesAndFourCountiesEachWithHospitals() {
        RegionLayout layout = region.layout();
        assertThat(layout.nodes()).hasSize(7);
        assertThat(layout.counties()).hasSize(4);
        assertThat(layout.nodes()).allSatisfy(node -> assertThat(layout.hospitalsAt(node.id())).isNotEmpty());
        assertThat(layout.nodes()).filteredOn(node -> node.parent() != null)
                .allSatisfy(node -> assertThat(node.division().isWithin(layout.node(node.parent()).orElseThrow().division())).isTrue());
    }

    @Test
    void everyResidentIdIsValidAndAgreesWithBirthDateAndSex() {
        List<Patient> patients = patients();
        assertThat(patients).hasSizeGreaterThan(SPEC.persons());
        for (Patient patient : patients) {
            residentIdText(patient).ifPresent(text -> {
                ResidentId id = parse(text);
                assertThat(id.sex()).as(patient.getId()).isEqualTo(Gender.fromFhir(patient.getGender().toCode()));
                String recordedBirth = patient.getBirthDateElement().getValueAsString();
                boolean swapped = !recordedBirth.equals(id.birthDate().toString());
                if (swapped) {
                    // The only birth-date noise is a day/month transposition.
                    assertThat(recordedBirth.substring(0, 4)).isEqualTo(id.birthDate().toString().substring(0, 4));
                }
            });
        }
        long legacy = patients.stream().flatMap(p -> residentIdText(p).stream()).filter(text -> text.length() == 15).count();
        assertThat(legacy).as("some records carry the 15-digit legacy form").isPositive();
    }

    @Test
    void theGroundTruthNamesEveryPatientRecordExactlyOnceWithItsTrueNumber() {
        Map<String, GroundTruthRow> truth = region.groundTruth().stream()
                .collect(Collectors.toMap(GroundTruthRow::patientResourceId, row -> row));
        List<Patient> patients = patients();
        assertThat(truth).hasSize(patients.size());
        assertThat(region.groundTruth().stream().map(GroundTruthRow::personKey).distinct().count()).isEqualTo(SPEC.persons());
        Map<Long, Set<String>> organizationsPerPerson = new HashMap<>();
        for (GroundTruthRow row : region.groundTruth()) {
            assertThat(organizationsPerPerson.computeIfAbsent(row.personKey(), key -> new HashSet<>()).add(row.organizationCode()))
                    .as("a person has one record per hospital").isTrue();
        }
        for (Patient patient : patients) {
            GroundTruthRow row = truth.get(patient.getIdPart());
            assertThat(row).as(patient.getIdPart()).isNotNull();
            residentIdText(patient).filter(text -> text.length() == 18).ifPresent(text -> {
                // Either the true number, or a mistyped but valid one that differs only in the sequence code.
                assertThat(text.substring(0, 14)).isEqualTo(row.trueResidentId().substring(0, 14));
            });
        }
        assertThat(organizationsPerPerson.values().stream().filter(set -> set.size() > 1).count())
                .as("many persons are treated at several hospitals").isGreaterThan(SPEC.persons() / 4);
    }

    @Test
    void identityNoiseOccursAtRoughlyTheConfiguredRate() {
        Map<Long, List<Patient>> recordsByPerson = new HashMap<>();
        Map<String, Long> personOf = region.groundTruth().stream()
                .collect(Collectors.toMap(GroundTruthRow::patientResourceId, GroundTruthRow::personKey));
        patients().forEach(p -> recordsByPerson.computeIfAbsent(personOf.get(p.getIdPart()), k -> new java.util.ArrayList<>()).add(p));
        int laterRecords = 0;
        int differing = 0;
        for (List<Patient> records : recordsByPerson.values()) {
            Patient first = records.getFirst();
            for (Patient later : records.subList(1, records.size())) {
                laterRecords++;
                if (!signature(first).equals(signature(later))) {
                    differing++;
                }
            }
        }
        double rate = (double) differing / laterRecords;
        assertThat(laterRecords).isGreaterThan(300);
        // Noise at 0.3, plus independent legacy-ID forms; some noise kinds are no-ops for some people.
        assertThat(rate).isBetween(0.2, 0.5);
    }

    @Test
    void everyReferenceResolvesToAnEarlierResourceOfTheSameHospital() {
        region.resourcesByHospital().forEach((organization, resources) -> {
            Set<String> seen = new HashSet<>();
            for (Resource resource : resources) {
                for (IBaseReference reference : FHIR.newTerser().getAllPopulatedChildElementsOfType(resource, IBaseReference.class)) {
                    assertThat(seen).as(resource.getId() + " → " + reference.getReferenceElement().getValue())
                            .contains(reference.getReferenceElement().toUnqualifiedVersionless().getValue());
                }
                assertThat(seen.add(resource.fhirType() + "/" + resource.getIdPart())).as("unique id").isTrue();
            }
        });
    }

    @Test
    void everyLocalLabCodeUsedIsInTheHospitalsConceptMapToLoinc() {
        region.resourcesByHospital().forEach((organization, resources) -> {
            ConceptMap map = region.conceptMaps().get(organization);
            Set<String> mapped = map.getGroupFirstRep().getElement().stream()
                    .map(ConceptMap.SourceElementComponent::getCode).collect(Collectors.toSet());
            resources.stream().filter(Observation.class::isInstance).map(Observation.class::cast).forEach(observation -> {
                var coding = observation.getCode().getCodingFirstRep();
                assertThat(coding.getSystem()).isEqualTo(RhixNamingSystems.hospitalLabCodes(organization));
                assertThat(mapped).contains(coding.getCode());
            });
        });
        // Hospitals really differ: the same test has different local codes.
        assertThat(region.conceptMaps().values().stream().map(map -> map.getGroupFirstRep().getElementFirstRep().getCode())
                .distinct().count()).isGreaterThan(1);
    }

    @Test
    void theSameSeedWritesIdenticalFilesAndAnotherSeedDoesNot(@TempDir Path directory) throws Exception {
        RegionSpec small = RegionSpec.of(200);
        new SyntheticRegion(small).generate(new DirectoryRegionSink(directory.resolve("a")));
        new SyntheticRegion(small).generate(new DirectoryRegionSink(directory.resolve("b")));
        new SyntheticRegion(small.withSeed(7)).generate(new DirectoryRegionSink(directory.resolve("c")));

        assertThat(digest(directory.resolve("a"))).isEqualTo(digest(directory.resolve("b")));
        assertThat(digest(directory.resolve("a"))).isNotEqualTo(digest(directory.resolve("c")));
    }

    @Test
    void everyNdjsonLineAndBundleParsesWithHapisStrictParser(@TempDir Path directory) throws Exception {
        RegionSpec small = RegionSpec.of(150);
        new SyntheticRegion(small).generate(new DirectoryRegionSink(directory.resolve("ndjson")));
        new SyntheticRegion(small).generate(new DirectoryRegionSink(directory.resolve("bundle"), OutputFormat.BUNDLE, 100));
        IParser strict = FHIR.newJsonParser().setParserErrorHandler(new StrictErrorHandler());

        long lines = 0;
        try (Stream<Path> files = Files.walk(directory.resolve("ndjson"))) {
            for (Path file : files.filter(path -> path.toString().endsWith(".ndjson")).toList()) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    assertThat(strict.parseResource(line)).isNotNull();
                    lines++;
                }
            }
        }
        long entries = 0;
        try (Stream<Path> files = Files.walk(directory.resolve("bundle"))) {
            for (Path file : files.filter(path -> path.getFileName().toString().contains("-bundle-")).toList()) {
                Bundle bundle = (Bundle) strict.parseResource(Files.readString(file));
                assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.TRANSACTION);
                entries += bundle.getEntry().size();
            }
        }
        assertThat(lines).isGreaterThan(150 * 5);
        assertThat(entries).isEqualTo(lines);
        assertThat(Files.readAllLines(directory.resolve("ndjson/ground-truth.csv")).getFirst()).isEqualTo(GroundTruthRow.CSV_HEADER);
    }

    @Test
    void anInvalidIdShareProducesIdsThatFailTheirCheckCharacter() throws IOException {
        InMemoryRegionSink noisy = new InMemoryRegionSink();
        new SyntheticRegion(RegionSpec.of(300).withInvalidIdShare(0.2)).generate(noisy);

        long invalid = noisy.resourcesByHospital().values().stream().flatMap(List::stream)
                .filter(Patient.class::isInstance).map(Patient.class::cast)
                .flatMap(p -> residentIdText(p).stream()).filter(text -> !ResidentId.isValid(text)).count();

        assertThat(invalid).isPositive();
    }

    private static String signature(Patient patient) {
        return patient.getNameFirstRep().getText() + "|" + residentIdText(patient).orElse("-") + "|"
                + patient.getBirthDateElement().getValueAsString() + "|" + patient.getTelecomFirstRep().getValue() + "|"
                + patient.getNameFirstRep().getExtensionByUrl(RhixNamingSystems.PINYIN_EXTENSION).getValue().primitiveValue();
    }

    private static List<Patient> patients() {
        return region.resourcesByHospital().values().stream().flatMap(List::stream)
                .filter(Patient.class::isInstance).map(Patient.class::cast).toList();
    }

    private static java.util.Optional<String> residentIdText(Patient patient) {
        return patient.getIdentifier().stream().filter(i -> RhixNamingSystems.RESIDENT_ID.equals(i.getSystem()))
                .map(Identifier::getValue).findFirst();
    }

    private static ResidentId parse(String text) {
        try {
            return ResidentId.parse(text);
        } catch (InvalidResidentIdException e) {
            throw new AssertionError(text.substring(0, 6) + ": " + e.getMessage(), e);
        }
    }

    private static String digest(Path root) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                sha.update(root.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
                sha.update(Files.readAllBytes(file));
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
