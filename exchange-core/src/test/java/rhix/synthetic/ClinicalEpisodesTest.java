package rhix.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ClinicalEpisodesTest {

    private static final Pattern TIME = Pattern.compile("\"(start|end|effectiveDateTime|issued|recordedDate)\":\"([^\"]+)\"");

    @Test
    void aVisitOnTheLastDayVisitsCanStartStillEndsAndReportsBeforeAsOf() {
        RegionSpec spec = RegionSpec.of(1);
        Hospital hospital = RegionLayout.zhejiangDemo().hospitals().get(5);
        HospitalConventions conventions = new HospitalConventions(hospital, spec.seed());
        LocalDateTime latest = spec.asOf().minusDays(CarePathways.LATEST_VISIT_DAYS_BEFORE_AS_OF).atTime(16, 59);
        OffsetDateTime asOf = spec.asOf().atStartOfDay().atOffset(ZoneOffset.ofHours(8));
        int lateReports = 0;
        for (int seed = 0; seed < 3000; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            CarePathways.Visit visit = new CarePathways.Visit(latest, true, ClinicalCatalog.drawDiagnosis(random));
            for (SyntheticResource resource : ClinicalEpisodes.visit(conventions, "h-p1", 1, visit, random)) {
                Matcher time = TIME.matcher(resource.toJson());
                while (time.find()) {
                    OffsetDateTime at = OffsetDateTime.parse(time.group(2));
                    assertThat(at).as(resource.reference() + " " + time.group(1)).isBefore(asOf);
                    if (time.group(1).equals("issued") && at.isAfter(latest.plusDays(7).atOffset(ZoneOffset.ofHours(8)))) {
                        lateReports++;
                    }
                }
            }
        }
        assertThat(lateReports).as("late reports were among the visits checked").isPositive();
    }

    @Test
    void aDiseaseMovesTheResultsItTendsToMove() {
        LabCatalog.LabTest glucose = LabCatalog.TESTS.get(LabCatalog.testIndex("GLU"));
        LabCatalog.LabTest haemoglobin = LabCatalog.TESTS.get(LabCatalog.testIndex("HGB"));
        SplittableRandom random = new SplittableRandom(1);
        int highGlucose = 0;
        int lowHaemoglobin = 0;
        int usualOutOfRange = 0;
        for (int i = 0; i < 1000; i++) {
            highGlucose += ClinicalEpisodes.drawValue(glucose, ClinicalCatalog.Tendency.HIGH, random) > glucose.high() ? 1 : 0;
            lowHaemoglobin += ClinicalEpisodes.drawValue(haemoglobin, ClinicalCatalog.Tendency.LOW, random) < haemoglobin.low() ? 1 : 0;
            double usual = ClinicalEpisodes.drawValue(glucose, ClinicalCatalog.Tendency.USUAL, random);
            usualOutOfRange += usual > glucose.high() || usual < glucose.low() ? 1 : 0;
            assertThat(usual).isPositive();
        }
        assertThat(highGlucose).isBetween(650, 800);
        assertThat(lowHaemoglobin).isBetween(650, 800);
        assertThat(usualOutOfRange).isBetween(5, 150);
    }
}
