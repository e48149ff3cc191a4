package rhix.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassificationCatalogTest {

    @TempDir
    Path directory;

    @Test
    void shippedCatalogClassifiesThePlatformsViews() {
        ClassificationCatalog catalog = ClassificationCatalog.load();

        assertThat(catalog.classify("patient", "resident_id"))
                .isEqualTo(new ColumnClassification("patient", "resident_id",
                        DataCategory.PERSONAL_ATTRIBUTES, SensitivityLevel.L4, ValueKind.RESIDENT_ID));
        assertThat(catalog.classify("lab_result", "value").category()).isEqualTo(DataCategory.HEALTH_STATUS);
        assertThat(catalog.classify("sensitive_diagnosis", "icd10_code").level()).isEqualTo(SensitivityLevel.L5);
        assertThat(catalog.view("patient")).extracting(c -> c.column().column()).containsExactly(
                "name", "resident_id", "phone", "birth_date", "gender", "address", "division_code",
                "enterprise_person_id", "local_id");
        assertThat(catalog.all()).extracting(ColumnClassification::view).contains(
                "patient", "encounter", "diagnosis", "sensitive_diagnosis", "lab_result", "imaging_report");
    }

    @Test
    void directIdentifiersAreAtLeastLevelFour() {
        ClassificationCatalog catalog = ClassificationCatalog.load();

        assertThat(catalog.all()).filteredOn(c -> c.kind() == ValueKind.PERSON_NAME
                        || c.kind() == ValueKind.RESIDENT_ID || c.kind() == ValueKind.PHONE)
                .isNotEmpty()
                .allSatisfy(c -> assertThat(c.level().isAtLeast(SensitivityLevel.L4)).isTrue());
    }

    @Test
    void anUnclassifiedColumnIsRefused() {
        ClassificationCatalog catalog = ClassificationCatalog.load();

        assertThatThrownBy(() -> catalog.classify("patient", "religion"))
                .isInstanceOf(UnclassifiedColumnException.class)
                .hasMessageContaining("patient.religion is not classified")
                .hasMessageContaining("cannot be released");
        assertThat(catalog.find(ColumnRef.of("patient", "religion"))).isEmpty();
    }

    @Test
    void unknownCategoryIsRefusedNamingFileAndEntry() throws IOException {
        Path file = write("""
                {"columns": [
                  {"view": "patient", "column": "name", "category": "PERSONAL_ATTRIBUTES", "level": "L4", "kind": "PERSON_NAME"},
                  {"view": "patient", "column": "phone", "category": "CONTACT", "level": "L4", "kind": "PHONE"}
                ]}""");

        assertThatThrownBy(() -> ClassificationCatalog.load(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("columns[1] (patient.phone)")
                .hasMessageContaining("unknown category 'CONTACT'");
    }

    @Test
    void unknownLevelIsRefused() throws IOException {
        Path file = write("""
                {"columns": [{"view": "patient", "column": "name", "category": "PERSONAL_ATTRIBUTES", "level": "L6", "kind": "PERSON_NAME"}]}""");

        assertThatThrownBy(() -> ClassificationCatalog.load(file))
                .hasMessageContaining("columns[0] (patient.name)")
                .hasMessageContaining("unknown level 'L6'");
    }

    @Test
    void duplicateColumnIsRefused() throws IOException {
        Path file = write("""
                {"columns": [
                  {"view": "patient", "column": "name", "category": "PERSONAL_ATTRIBUTES", "level": "L4", "kind": "PERSON_NAME"},
                  {"view": "patient", "column": "name", "category": "PERSONAL_ATTRIBUTES", "level": "L2", "kind": "PERSON_NAME"}
                ]}""");

        assertThatThrownBy(() -> ClassificationCatalog.load(file))
                .hasMessageContaining("columns[1] (patient.name)")
                .hasMessageContaining("duplicate column patient.name");
    }

    @Test
    void unknownFieldAndMissingFieldAreRefused() throws IOException {
        Path misspelt = write("""
                {"columns": [{"view": "patient", "column": "name", "categry": "PERSONAL_ATTRIBUTES", "level": "L4", "kind": "PERSON_NAME"}]}""");
        Path missing = write("""
                {"columns": [{"view": "patient", "column": "name", "level": "L4", "kind": "PERSON_NAME"}]}""");

        assertThatThrownBy(() -> ClassificationCatalog.load(misspelt)).hasMessageContaining("unknown field 'categry'");
        assertThatThrownBy(() -> ClassificationCatalog.load(missing))
                .hasMessageContaining("columns[0] (patient.name)")
                .hasMessageContaining("'category' is missing");
    }

    @Test
    void malformedJsonIsRefusedNamingTheFile() throws IOException {
        Path file = write("{\"columns\": [");

        assertThatThrownBy(() -> ClassificationCatalog.load(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file + ": not valid JSON");
    }

    private Path write(String json) throws IOException {
        Path file = Files.createTempFile(directory, "classification", ".json");
        return Files.writeString(file, json);
    }
}
