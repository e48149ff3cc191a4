package rhix.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static rhix.synthetic.GeneratedRegions.STANDARD;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rhix.fhir.RhixNamingSystems;
import rhix.region.NodeLevel;

class GroundTruthTest {

    private final InMemoryRegionSink region = GeneratedRegions.region(STANDARD);

    @Test
    void everyPatientRecordAppearsExactlyOnceWithItsNodeAndHospital() {
        Map<String, Integer> rowsPerPatient = new HashMap<>();
        region.groundTruth().forEach(row -> rowsPerPatient.merge(row.patientResourceId(), 1, Integer::sum));
        Map<String, GroundTruthRow> truth = region.groundTruth().stream()
                .collect(Collectors.toMap(GroundTruthRow::patientResourceId, row -> row));
        int patients = 0;
        for (Map.Entry<String, List<Resource>> hospital : region.resourcesByHospital().entrySet()) {
            Hospital at = region.layout().hospital(hospital.getKey()).orElseThrow();
            for (Resource resource : hospital.getValue()) {
                if (resource instanceof Patient patient) {
                    patients++;
                    GroundTruthRow row = truth.get(patient.getIdPart());
                    assertThat(row).as(patient.getIdPart()).isNotNull();
                    assertThat(row.organizationCode()).isEqualTo(at.organizationCode());
                    assertThat(row.nodeId()).isEqualTo(at.node().value());
                }
            }
        }
        assertThat(rowsPerPatient.values()).allMatch(count -> count == 1);
        assertThat(rowsPerPatient).hasSize(patients);
    }

    @Test
    void everyPersonHasOneToFourRecordsAtDifferentHospitalsTheFirstInTheirHomeCounty() {
        Map<Long, List<GroundTruthRow>> byPerson = region.groundTruth().stream()
                .collect(Collectors.groupingBy(GroundTruthRow::personKey));

        assertThat(byPerson.keySet()).hasSize(STANDARD.persons()).allMatch(key -> key >= 1 && key <= STANDARD.persons());
        int several = 0;
        for (List<GroundTruthRow> rows : byPerson.values()) {
            assertThat(rows).hasSizeBetween(1, 4);
            assertThat(rows.stream().map(GroundTruthRow::organizationCode).distinct().count()).isEqualTo(rows.size());
            assertThat(rows.getFirst().nodeId()).startsWith("county-");
            several += rows.size() > 1 ? 1 : 0;
        }
        assertThat(several).as("many persons are treated at several hospitals").isGreaterThan(STANDARD.persons() / 3);
        long referred = region.groundTruth().stream().filter(row -> !row.nodeId().startsWith("county-")).count();
        assertThat(referred).as("referrals to city and province hospitals").isGreaterThan(STANDARD.persons() / 5);
    }

    @Test
    void localNumbersDoNotGiveAwayWhichRecordsAreTheSamePerson() {
        Map<Long, List<String>> numbersByPerson = new HashMap<>();
        for (Patient patient : GeneratedRegions.patients(region)) {
            String number = patient.getIdentifier().stream()
                    .filter(identifier -> !identifier.getSystem().equals(RhixNamingSystems.RESIDENT_ID))
                    .findFirst().orElseThrow().getValue();
            assertThat(patient.getIdPart()).endsWith("-p" + number);
            assertThat(patient.getIdentifierFirstRep().getSystem()).endsWith("/patient").contains("/hospital/H");
            long person = region.groundTruth().stream().filter(row -> row.patientResourceId().equals(patient.getIdPart()))
                    .findFirst().orElseThrow().personKey();
            numbersByPerson.computeIfAbsent(person, key -> new ArrayList<>()).add(number);
        }
        assertThat(numbersByPerson.values()).allSatisfy(numbers -> assertThat(numbers).doesNotHaveDuplicates());
        assertThat(numbersByPerson.entrySet()).noneMatch(entry -> entry.getValue().contains(String.format("%09d", entry.getKey())));
    }

    @Test
    void theCsvFileHoldsTheSameRowsAsTheSinkReceived(@TempDir Path directory) throws Exception {
        RegionSpec spec = RegionSpec.of(120);
        new SyntheticRegion(spec).generate(new DirectoryRegionSink(directory));
        InMemoryRegionSink inMemory = GeneratedRegions.region(spec);

        List<String> lines = Files.readAllLines(DirectoryRegionSink.groundTruthFile(directory), StandardCharsets.UTF_8);
        assertThat(lines.getFirst()).isEqualTo("person_key,node_id,organization_code,patient_resource_id,true_resident_id");
        assertThat(lines.subList(1, lines.size()).stream().map(GroundTruthRow::parseCsv).toList())
                .isEqualTo(inMemory.groundTruth());
        assertThat(inMemory.layout().nodes()).anyMatch(node -> node.level() == NodeLevel.PROVINCE);
    }
}
