package rhix.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static rhix.policy.Deidentification.SUPPRESS;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ReleasePolicyTest {

    private static final ReleasePolicy POLICY = ReleasePolicy.load();

    @TempDir
    Path directory;

    /** The documented table (exchange-core/README.md, "Policy"), row by row. */
    @ParameterizedTest(name = "{0} {1} {2} → {3} {4}")
    @CsvSource({
            "RESEARCH, L1, CODE, NONE,",
            "RESEARCH, L2, CODE, NONE,",
            "RESEARCH, L2, DATE, GENERALISE, FINE",
            "RESEARCH, L2, DIVISION_CODE, GENERALISE, FINE",
            "RESEARCH, L3, DATE, GENERALISE, COARSE",
            "RESEARCH, L3, NUMBER, GENERALISE, FINE",
            "RESEARCH, L3, PERSON_ID, HASH,",
            "RESEARCH, L3, TEXT, SUPPRESS,",
            "RESEARCH, L3, CODE, HASH,",
            "RESEARCH, L4, PERSON_NAME, MASK,",
            "RESEARCH, L4, PHONE, MASK,",
            "RESEARCH, L4, RESIDENT_ID, HASH,",
            "RESEARCH, L4, PERSON_ID, TOKENISE,",
            "RESEARCH, L4, CODE, TOKENISE,",
            "RESEARCH, L4, DATE, GENERALISE, COARSE",
            "RESEARCH, L5, DIAGNOSIS_CODE, SUPPRESS,",
            "TREATMENT, L4, PERSON_NAME, NONE,",
            "TREATMENT, L4, RESIDENT_ID, MASK,",
            "TREATMENT, L4, PHONE, MASK,",
            "TREATMENT, L3, NUMBER, NONE,",
            "TREATMENT, L5, DIAGNOSIS_CODE, ENCRYPT,",
            "PUBLIC_HEALTH, L2, DIVISION_CODE, NONE,",
            "PUBLIC_HEALTH, L3, DIAGNOSIS_CODE, GENERALISE, FINE",
            "PUBLIC_HEALTH, L3, PERSON_ID, SUPPRESS,",
            "PUBLIC_HEALTH, L4, DATE, SUPPRESS,",
    })
    void defaultsFollowTheDocumentedTable(PurposeOfUse purpose, SensitivityLevel level, ValueKind kind,
                                          Deidentification method, Generalisation generalisation) {
        assertThat(POLICY.scope(purpose).protectionFor(level, kind)).isEqualTo(new Protection(method, generalisation));
    }

    @ParameterizedTest
    @EnumSource(ValueKind.class)
    void levelFiveIsNeverInClearForAnyPurpose(ValueKind kind) {
        for (PurposeOfUse purpose : PurposeOfUse.values()) {
            assertThat(POLICY.scope(purpose).protectionFor(SensitivityLevel.L5, kind).isClear()).isFalse();
        }
        assertThat(POLICY.scope(PurposeOfUse.RESEARCH).protectionFor(SensitivityLevel.L5, kind).method()).isEqualTo(SUPPRESS);
    }

    @ParameterizedTest
    @EnumSource(value = ValueKind.class, names = {"PERSON_NAME", "RESIDENT_ID", "PHONE", "PERSON_ID"})
    void directIdentifiersAreNeverInClearForResearchOrPublicHealth(ValueKind kind) {
        for (SensitivityLevel level : SensitivityLevel.values()) {
            assertThat(POLICY.scope(PurposeOfUse.RESEARCH).protectionFor(level, kind).isClear()).isFalse();
            assertThat(POLICY.scope(PurposeOfUse.PUBLIC_HEALTH).protectionFor(level, kind).isClear()).isFalse();
        }
    }

    @Test
    void everyDefaultAppliesToItsKind() {
        for (PurposeOfUse purpose : PurposeOfUse.values()) {
            for (SensitivityLevel level : SensitivityLevel.values()) {
                for (ValueKind kind : ValueKind.values()) {
                    assertThat(kind.accepts(POLICY.scope(purpose).protectionFor(level, kind).method()))
                            .as("%s %s %s", purpose, level, kind).isTrue();
                }
            }
        }
    }

    /** The README's tables are the policy's documentation: they must say what the loaded policy does. */
    @Test
    void theReadmeShowsThePolicyAsLoaded() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        for (PurposeOfUse purpose : PurposeOfUse.values()) {
            StringBuilder rows = new StringBuilder();
            for (SensitivityLevel level : SensitivityLevel.values()) {
                rows.append("| ").append(level).append(" |");
                for (ValueKind kind : ValueKind.values()) {
                    Protection protection = POLICY.scope(purpose).protectionFor(level, kind);
                    rows.append(' ').append(protection.method()).append(protection.generalisation() == null ? ""
                            : " " + protection.generalisation().name().toLowerCase(java.util.Locale.ROOT)).append(" |");
                }
                rows.append('\n');
            }
            int table = readme.indexOf("**" + purpose + "**");
            assertThat(table).as("README table for %s", purpose).isNotNegative();
            assertThat(readme.substring(table)).as("README table for %s", purpose).contains(rows);
        }
    }

    @Test
    void publicHealthGetsNoRowsAndTreatmentNoPaymentData() {
        assertThat(POLICY.scope(PurposeOfUse.PUBLIC_HEALTH).rowsReleased()).isFalse();
        assertThat(POLICY.scope(PurposeOfUse.RESEARCH).rowsReleased()).isTrue();
        assertThat(POLICY.scope(PurposeOfUse.TREATMENT).categories()).doesNotContain(DataCategory.MEDICAL_PAYMENT);
    }

    @Test
    void aPolicyReleasingLevelFiveInClearDoesNotLoad() throws IOException {
        Path file = policy(PurposeOfUse.TREATMENT, """
                {"levels": ["L1", "L2", "L3", "L4", "L5"], "method": "NONE"}""");

        assertThatThrownBy(() -> ReleasePolicy.load(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("purposes[0] (TREATMENT)")
                .hasMessageContaining("level L5")
                .hasMessageContaining("never released in clear");
    }

    @Test
    void aPolicyReleasingADirectIdentifierInClearForResearchDoesNotLoad() throws IOException {
        Path file = policy(PurposeOfUse.RESEARCH, """
                {"levels": ["L5"], "method": "SUPPRESS"},
                {"levels": ["L1", "L2", "L3", "L4"], "method": "NONE"}""");

        assertThatThrownBy(() -> ReleasePolicy.load(file))
                .hasMessageContaining("purposes[1] (RESEARCH)")
                .hasMessageContaining("direct identifier kind PERSON_NAME")
                .hasMessageContaining("TREATMENT only");
    }

    @Test
    void aGapInThePolicyDoesNotLoad() throws IOException {
        Path file = policy(PurposeOfUse.RESEARCH, """
                {"levels": ["L1", "L2", "L3", "L4"], "method": "SUPPRESS"}""");

        assertThatThrownBy(() -> ReleasePolicy.load(file))
                .hasMessageContaining("purposes[1] (RESEARCH)")
                .hasMessageContaining("no rule for level L5 and kind PERSON_NAME");
    }

    @Test
    void aRuleWhoseMethodDoesNotFitItsKindsDoesNotLoad() throws IOException {
        Path file = policy(PurposeOfUse.RESEARCH, """
                {"levels": ["L1", "L2", "L3", "L4", "L5"], "method": "GENERALISE", "generalisation": "FINE"}""");

        assertThatThrownBy(() -> ReleasePolicy.load(file))
                .hasMessageContaining("purposes[1] (RESEARCH).rules[0]")
                .hasMessageContaining("GENERALISE does not apply to kind PERSON_NAME")
                .hasMessageContaining("covers all");
    }

    @Test
    void generaliseWithoutAGeneralisationDoesNotLoad() throws IOException {
        Path file = policy(PurposeOfUse.RESEARCH, """
                {"levels": ["L1"], "kinds": ["DATE"], "method": "GENERALISE"},
                {"levels": ["L1", "L2", "L3", "L4", "L5"], "method": "SUPPRESS"}""");

        assertThatThrownBy(() -> ReleasePolicy.load(file))
                .hasMessageContaining("purposes[1] (RESEARCH).rules[0]")
                .hasMessageContaining("GENERALISE needs a generalisation");
    }

    @Test
    void aMissingPurposeAnUnknownMethodOrAnUnknownFieldDoesNotLoad() throws IOException {
        Path missing = Files.writeString(directory.resolve("missing.json"), """
                {"purposes": [{"purpose": "TREATMENT", "rows": true, "categories": ["HEALTH_STATUS"],
                  "rules": [{"levels": ["L1", "L2", "L3", "L4", "L5"], "method": "SUPPRESS"}]}]}""");
        Path unknownMethod = policy(PurposeOfUse.RESEARCH, """
                {"levels": ["L1", "L2", "L3", "L4", "L5"], "method": "SCRAMBLE"}""");
        Path unknownField = policy(PurposeOfUse.RESEARCH, """
                {"levels": ["L1", "L2", "L3", "L4", "L5"], "method": "SUPPRESS", "level": "L1"}""");

        assertThatThrownBy(() -> ReleasePolicy.load(missing)).hasMessageContaining("no entry for purpose RESEARCH");
        assertThatThrownBy(() -> ReleasePolicy.load(unknownMethod)).hasMessageContaining("unknown method 'SCRAMBLE'");
        assertThatThrownBy(() -> ReleasePolicy.load(unknownField))
                .hasMessageContaining("purposes[1] (RESEARCH).rules[0]")
                .hasMessageContaining("unknown field 'level'");
    }

    /** A policy in which {@code purpose} has {@code rules}; the other purposes suppress everything. */
    private Path policy(PurposeOfUse purpose, String rules) throws IOException {
        String suppressAll = "{\"levels\": [\"L1\", \"L2\", \"L3\", \"L4\", \"L5\"], \"method\": \"SUPPRESS\"}";
        String json = """
                {"purposes": [
                  {"purpose": "TREATMENT", "rows": true, "categories": ["HEALTH_STATUS"], "rules": [%s]},
                  {"purpose": "RESEARCH", "rows": true, "categories": ["HEALTH_STATUS"], "rules": [%s]},
                  {"purpose": "PUBLIC_HEALTH", "rows": false, "categories": ["HEALTH_STATUS"], "rules": [%s]}
                ]}""".formatted(
                purpose == PurposeOfUse.TREATMENT ? rules : suppressAll,
                purpose == PurposeOfUse.RESEARCH ? rules : suppressAll,
                purpose == PurposeOfUse.PUBLIC_HEALTH ? rules : suppressAll);
        return Files.writeString(Files.createTempFile(directory, "policy", ".json"), json);
    }
}
