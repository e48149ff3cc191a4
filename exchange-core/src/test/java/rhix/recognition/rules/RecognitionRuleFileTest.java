package rhix.recognition.rules;

import rhix.recognition.api.NotRecognisedReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecognitionRuleFileTest {

    private static final String GLUCOSE = """
            {"system": "http://loinc.org", "code": "2345-7", "display": "Glucose", "validForDays": 7,
             "specimens": ["SER", "PLAS"], "minimumTier": "PROVINCIAL_EQA_PASSED", "costCny": 8}""";

    @TempDir
    Path directory;

    @Test
    void aCommissionsOwnFileReplacesTheDefaults() throws IOException {
        Path file = rules("\"timeZone\": \"Asia/Urumqi\", ", GLUCOSE.replace("\"validForDays\": 7", "\"validForDays\": 3"));

        RecognitionRules rules = RecognitionRules.load(file);

        assertThat(rules.all()).singleElement().satisfies(rule -> {
            assertThat(rule.validForDays()).isEqualTo(3);
            assertThat(rule.methods()).isEmpty();
            assertThat(rule.specimens()).containsExactlyInAnyOrder("SER", "PLAS");
        });
    }

    @Test
    void anUnknownFieldIsRefusedNamingTheEntry() throws IOException {
        Path file = rules("", GLUCOSE, GLUCOSE.replace("2345-7", "2160-0").replace("\"validForDays\"", "\"validDays\""));

        assertThatThrownBy(() -> RecognitionRules.load(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(file + ": rules[1] (2160-0): unknown field 'validDays'");
    }

    @Test
    void aNegativeOrZeroWindowIsRefused() throws IOException {
        Path negative = rules("", GLUCOSE.replace("\"validForDays\": 7", "\"validForDays\": -7"));
        Path zero = rules("", GLUCOSE.replace("\"validForDays\": 7", "\"validForDays\": 0"));
        Path fraction = rules("", GLUCOSE.replace("\"validForDays\": 7", "\"validForDays\": 7.5"));

        assertThatThrownBy(() -> RecognitionRules.load(negative))
                .hasMessage(negative + ": rules[0] (2345-7): 'validForDays' must be positive, was -7");
        assertThatThrownBy(() -> RecognitionRules.load(zero)).hasMessageContaining("must be positive, was 0");
        assertThatThrownBy(() -> RecognitionRules.load(fraction)).hasMessageContaining("not a whole number");
    }

    @Test
    void aDuplicateItemIsRefused() throws IOException {
        Path file = rules("", GLUCOSE, GLUCOSE.replace("\"Glucose\"", "\"Glucose again\""));

        assertThatThrownBy(() -> RecognitionRules.load(file))
                .hasMessage(file + ": rules[1] (2345-7): duplicate rule for LOINC 2345-7");
    }

    @Test
    void anUnknownTierANegativeCostOrAMissingFieldIsRefused() throws IOException {
        Path tier = rules("", GLUCOSE.replace("PROVINCIAL_EQA_PASSED", "GOLD"));
        Path cost = rules("", GLUCOSE.replace("\"costCny\": 8", "\"costCny\": -8"));
        Path missing = rules("", GLUCOSE.replace("\"display\": \"Glucose\", ", ""));
        Path duplicateSpecimen = rules("", GLUCOSE.replace("\"PLAS\"", "\"ser\""));
        Path fractionOfFen = rules("", GLUCOSE.replace("\"costCny\": 8", "\"costCny\": 8.005"));

        assertThatThrownBy(() -> RecognitionRules.load(tier)).hasMessageContaining("rules[0] (2345-7): unknown minimumTier 'GOLD'");
        assertThatThrownBy(() -> RecognitionRules.load(cost)).hasMessageContaining("'costCny' must not be negative, was -8");
        assertThatThrownBy(() -> RecognitionRules.load(missing)).hasMessageContaining("'display' is missing");
        assertThatThrownBy(() -> RecognitionRules.load(duplicateSpecimen)).hasMessageContaining("'specimens' lists ser twice");
        assertThatThrownBy(() -> RecognitionRules.load(fractionOfFen)).hasMessageContaining("at most 2 decimals");
    }

    @Test
    void anUnknownTopLevelFieldOrTimeZoneIsRefused() throws IOException {
        Path field = rules("\"timezone\": \"Asia/Shanghai\", ", GLUCOSE);
        Path zone = rules("\"timeZone\": \"Asia/Beijing\", ", GLUCOSE);

        assertThatThrownBy(() -> RecognitionRules.load(field)).hasMessageContaining("top level: unknown field 'timezone'");
        assertThatThrownBy(() -> RecognitionRules.load(zone)).hasMessageContaining("unknown timeZone 'Asia/Beijing'");
    }

    @Test
    void theShippedTableUsesBeijingTime() throws IOException {
        Path file = rules("", GLUCOSE);

        assertThat(RecognitionRules.load(file).judge(new OfferedResult("G",
                java.util.Optional.of(ItemCode.loinc("2345-7")), java.util.Optional.of("SER"), java.util.Optional.empty(),
                java.time.Instant.parse("2026-07-31T16:00:00Z"), QualityTier.NONE), java.time.Instant.parse("2026-08-20T00:00:00Z")))
                .isEqualTo(new Verdict.NotRecognised(NotRecognisedReason.EXPIRED,
                        "Glucose (2345-7) taken 2026-08-01 is 19 days old; recognised for 7 days"));
        assertThat(RecognitionRules.DEFAULT_ZONE).isEqualTo(ZoneId.of("Asia/Shanghai"));
    }

    private Path rules(String topLevel, String... entries) throws IOException {
        String json = "{" + topLevel + "\"rules\": [" + String.join(",\n", entries) + "]}";
        return Files.writeString(Files.createTempFile(directory, "rules", ".json"), json);
    }
}
