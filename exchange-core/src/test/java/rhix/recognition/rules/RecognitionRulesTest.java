package rhix.recognition.rules;

import rhix.recognition.api.NotRecognisedReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecognitionRulesTest {

    private static final RecognitionRules RULES = RecognitionRules.load();
    private static final ItemCode HBA1C = ItemCode.loinc("4548-4");
    /** 2026-08-01 09:30 in Beijing time. */
    private static final Instant TAKEN = ZonedDateTime.parse("2026-08-01T09:30:00+08:00[Asia/Shanghai]").toInstant();

    @Test
    void theShippedTableCoversTheCommonLabsAndImaging() {
        assertThat(RULES.all()).extracting(rule -> rule.item().code()).containsExactly(
                "4548-4", "2345-7", "718-7", "1742-6", "2160-0", "2093-3", "14749-6", "14682-9", "14647-2", "1920-8", "6690-2",
                "777-3", "2823-3", "2951-2", "3016-3", "DR-CHEST", "CT-CHEST", "US-ABDOMEN", "MR-HEAD",
                "36643-5", "24627-2", "24725-4", "24558-9", "24590-2");
        RecognitionRule hba1c = RULES.rule(HBA1C).orElseThrow();
        assertThat(hba1c.validForDays()).isEqualTo(90);
        assertThat(hba1c.specimens()).containsExactly("BLD");
        assertThat(hba1c.minimumTier()).isEqualTo(QualityTier.NATIONAL_EQA_PASSED);
        assertThat(hba1c.costCny()).isEqualByComparingTo("60");
        assertThat(RULES.rule(ItemCode.imaging("CT-CHEST")).orElseThrow().specimens()).isEmpty();
    }

    /** The README's table documents the shipped rules: each rule has its line, with its values. */
    @Test
    void theReadmeShowsTheShippedRules() throws java.io.IOException {
        java.util.List<String> lines = java.nio.file.Files.readAllLines(java.nio.file.Path.of("README.md"));
        for (RecognitionRule rule : RULES.all()) {
            String start = "| " + rule.display() + " | " + (rule.item().system().equals(ItemCode.LOINC) ? "LOINC" : "imaging category")
                    + " `" + rule.item().code() + "` | " + rule.validForDays() + " days | ";
            assertThat(lines).as("README line for %s", rule.label()).filteredOn(line -> line.startsWith(start))
                    .singleElement().satisfies(line -> {
                        assertThat(line).endsWith("| " + rule.minimumTier() + " | " + rule.costCny().toPlainString() + " |");
                        rule.specimens().forEach(specimen -> assertThat(line).contains(specimen));
                        rule.methods().forEach(method -> assertThat(line).contains(method));
                    });
        }
    }

    @Test
    void aGoodResultIsRecognisedAndCountsTheTestAvoided() {
        Verdict verdict = RULES.judge(hba1c("BLD", "HPLC", QualityTier.NATIONAL_EQA_PASSED), TAKEN.plus(Duration.ofDays(30)));

        assertThat(verdict).isInstanceOfSatisfying(Verdict.Recognised.class, recognised -> {
            assertThat(recognised.rule().item()).isEqualTo(HBA1C);
            assertThat(recognised.costAvoided()).isEqualByComparingTo(new BigDecimal("60.00"));
        });
    }

    @Test
    void anUnmappedCodeIsNotRecognised() {
        OfferedResult unmapped = new OfferedResult("HIS-GLU-07", Optional.empty(), Optional.of("SER"), Optional.empty(),
                TAKEN, QualityTier.ACCREDITED_ISO15189);

        assertThat(RULES.judge(unmapped, TAKEN.plusSeconds(60))).isEqualTo(new Verdict.NotRecognised(
                NotRecognisedReason.UNMAPPED_CODE,
                "local code HIS-GLU-07 has no mapping to a standard code; map it in the terminology server to have it recognised"));
    }

    @Test
    void aCodeWithoutARuleIsNotRecognisedAsUnmapped() {
        OfferedResult noRule = new OfferedResult("HIS-HDL", Optional.of(ItemCode.loinc("2085-9")), Optional.of("SER"),
                Optional.empty(), TAKEN, QualityTier.ACCREDITED_ISO15189);

        assertThat(RULES.judge(noRule, TAKEN.plusSeconds(60))).isEqualTo(new Verdict.NotRecognised(
                NotRecognisedReason.UNMAPPED_CODE, "local code HIS-HDL maps to LOINC 2085-9, for which there is no recognition rule"));
    }

    @Test
    void anOldResultHasExpired() {
        Instant now = TAKEN.plus(Duration.ofDays(123));

        assertThat(RULES.judge(hba1c("BLD", "HPLC", QualityTier.NATIONAL_EQA_PASSED), now)).isEqualTo(new Verdict.NotRecognised(
                NotRecognisedReason.EXPIRED, "HbA1c (4548-4) taken 2026-08-01 is 123 days old; recognised for 90 days"));
    }

    @Test
    void exactlyAtTheEdgeOfTheWindowIsStillRecognised() {
        Instant edge = TAKEN.plus(Duration.ofDays(90));

        assertThat(RULES.judge(hba1c("BLD", "HPLC", QualityTier.NATIONAL_EQA_PASSED), edge))
                .isInstanceOf(Verdict.Recognised.class);
    }

    @Test
    void oneSecondPastTheEdgeHasExpiredAndSaysByHowMuch() {
        Instant justPast = TAKEN.plus(Duration.ofDays(90)).plusSeconds(1);

        assertThat(RULES.judge(hba1c("BLD", "HPLC", QualityTier.NATIONAL_EQA_PASSED), justPast)).isEqualTo(new Verdict.NotRecognised(
                NotRecognisedReason.EXPIRED, "HbA1c (4548-4) taken 2026-08-01 is 90 days and 1 second old; recognised for 90 days"));
        assertThat(RULES.judge(hba1c("BLD", "HPLC", QualityTier.NATIONAL_EQA_PASSED), TAKEN.plus(Duration.ofDays(90)).plusSeconds(7200)))
                .extracting(verdict -> ((Verdict.NotRecognised) verdict).detail()).asString().contains("is 90 days and 2 hours old");
    }

    @Test
    void theDateInTheDetailIsTheHospitalsLocalDate() {
        // 23:30 UTC on 31 July is already 1 August in Beijing.
        Instant lateEvening = Instant.parse("2026-07-31T23:30:00Z");
        OfferedResult glucose = new OfferedResult("GLU", Optional.of(ItemCode.loinc("2345-7")), Optional.of("SER"),
                Optional.of("HEXOKINASE"), lateEvening, QualityTier.PROVINCIAL_EQA_PASSED);

        assertThat(((Verdict.NotRecognised) RULES.judge(glucose, lateEvening.plus(Duration.ofDays(10)))).detail())
                .isEqualTo("Glucose (2345-7) taken 2026-08-01 is 10 days old; recognised for 7 days");
    }

    @Test
    void aDifferentSpecimenIsNotRecognisedAnUnstatedOneIsImpliedByTheCode() {
        Instant now = TAKEN.plus(Duration.ofDays(1));

        assertThat(RULES.judge(hba1c("SER", "HPLC", QualityTier.NATIONAL_EQA_PASSED), now)).isEqualTo(new Verdict.NotRecognised(
                NotRecognisedReason.DIFFERENT_SPECIMEN, "HbA1c (4548-4) on specimen SER; recognised on BLD"));
        assertThat(RULES.judge(hba1c(null, "HPLC", QualityTier.NATIONAL_EQA_PASSED), now)).isInstanceOf(Verdict.Recognised.class);
        assertThat(RULES.judge(hba1c(" bld ", "hplc", QualityTier.NATIONAL_EQA_PASSED), now)).isInstanceOf(Verdict.Recognised.class);
    }

    @Test
    void aDifferentOrMissingMethodIsNotRecognisedWhereTheRuleNamesMethods() {
        Instant now = TAKEN.plus(Duration.ofDays(1));

        assertThat(RULES.judge(hba1c("BLD", "POINT_OF_CARE", QualityTier.NATIONAL_EQA_PASSED), now)).isEqualTo(new Verdict.NotRecognised(
                NotRecognisedReason.DIFFERENT_METHOD,
                "HbA1c (4548-4) by method POINT_OF_CARE; recognised by CAPILLARY_ELECTROPHORESIS, ENZYMATIC, HPLC, IMMUNOTURBIDIMETRY"));
        assertThat(RULES.judge(hba1c("BLD", null, QualityTier.NATIONAL_EQA_PASSED), now))
                .isEqualTo(new Verdict.NotRecognised(NotRecognisedReason.DIFFERENT_METHOD,
                        "HbA1c (4548-4) by an unstated method; recognised by CAPILLARY_ELECTROPHORESIS, ENZYMATIC, HPLC, IMMUNOTURBIDIMETRY"));
    }

    @Test
    void aRuleWithoutMethodsAcceptsAnyMethod() {
        OfferedResult alt = new OfferedResult("ALT", Optional.of(ItemCode.loinc("1742-6")), Optional.of("PLAS"),
                Optional.of("IFCC_WITHOUT_P5P"), TAKEN, QualityTier.PROVINCIAL_EQA_PASSED);

        assertThat(RULES.judge(alt, TAKEN.plus(Duration.ofDays(14)))).isInstanceOf(Verdict.Recognised.class);
    }

    @Test
    void aProducerBelowTheMinimumTierIsNotRecognised() {
        Instant now = TAKEN.plus(Duration.ofDays(1));

        assertThat(RULES.judge(hba1c("BLD", "HPLC", QualityTier.PROVINCIAL_EQA_PASSED), now)).isEqualTo(new Verdict.NotRecognised(
                NotRecognisedReason.QUALITY_TIER_NOT_ACCEPTED,
                "HbA1c (4548-4) from a producer at tier PROVINCIAL_EQA_PASSED; recognised from NATIONAL_EQA_PASSED or better"));
        assertThat(RULES.judge(hba1c("BLD", "HPLC", QualityTier.ACCREDITED_ISO15189), now)).isInstanceOf(Verdict.Recognised.class);
    }

    @Test
    void imagingHasNoSpecimenAndItsOwnWindow() {
        OfferedResult chestCt = new OfferedResult("RIS-CT-01", Optional.of(ItemCode.imaging("CT-CHEST")), Optional.empty(),
                Optional.empty(), TAKEN, QualityTier.PROVINCIAL_EQA_PASSED);

        assertThat(RULES.judge(chestCt, TAKEN.plus(Duration.ofDays(90)))).isEqualTo(new Verdict.Recognised(
                RULES.rule(ItemCode.imaging("CT-CHEST")).orElseThrow(), new BigDecimal("260.00")));
        assertThat(RULES.judge(chestCt, TAKEN.plus(Duration.ofDays(91))))
                .isEqualTo(new Verdict.NotRecognised(NotRecognisedReason.EXPIRED,
                        "Chest CT (CT-CHEST) taken 2026-08-01 is 91 days old; recognised for 90 days"));
    }

    @Test
    void checksRunInTheDocumentedOrder() {
        // Everything wrong: expired, wrong specimen, wrong method, low tier → the window is reported.
        OfferedResult allWrong = hba1c("SER", "POINT_OF_CARE", QualityTier.NONE);
        assertThat(reason(allWrong, TAKEN.plus(Duration.ofDays(100)))).isEqualTo(NotRecognisedReason.EXPIRED);
        // Within the window: the specimen comes before the method and the tier.
        assertThat(reason(allWrong, TAKEN.plus(Duration.ofDays(1)))).isEqualTo(NotRecognisedReason.DIFFERENT_SPECIMEN);
        // Right specimen: the method comes before the tier.
        assertThat(reason(hba1c("BLD", "POINT_OF_CARE", QualityTier.NONE), TAKEN.plus(Duration.ofDays(1))))
                .isEqualTo(NotRecognisedReason.DIFFERENT_METHOD);
        // An unmapped code comes before everything.
        OfferedResult unmappedAndOld = new OfferedResult("X", Optional.empty(), Optional.empty(), Optional.empty(),
                TAKEN, QualityTier.NONE);
        assertThat(reason(unmappedAndOld, TAKEN.plus(Duration.ofDays(1000)))).isEqualTo(NotRecognisedReason.UNMAPPED_CODE);
    }

    @Test
    void aResultDatedAfterNowIsADataErrorNotAVerdict() {
        assertThatThrownBy(() -> RULES.judge(hba1c("BLD", "HPLC", QualityTier.NATIONAL_EQA_PASSED), TAKEN.minusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("HbA1c (4548-4) taken at 2026-08-01T01:30:00Z is dated after now");
    }

    private static NotRecognisedReason reason(OfferedResult offered, Instant now) {
        return ((Verdict.NotRecognised) RULES.judge(offered, now)).reason();
    }

    private static OfferedResult hba1c(String specimen, String method, QualityTier tier) {
        return new OfferedResult("HIS-HBA1C", Optional.of(HBA1C), Optional.ofNullable(specimen), Optional.ofNullable(method),
                TAKEN, tier);
    }
}
