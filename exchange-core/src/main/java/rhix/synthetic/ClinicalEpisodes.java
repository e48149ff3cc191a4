package rhix.synthetic;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import rhix.synthetic.HospitalRecords.ConditionRecord;
import rhix.synthetic.HospitalRecords.EncounterRecord;
import rhix.synthetic.HospitalRecords.ImagingReportRecord;
import rhix.synthetic.HospitalRecords.Interpretation;
import rhix.synthetic.HospitalRecords.LabReportRecord;
import rhix.synthetic.HospitalRecords.LabResultRecord;

/**
 * What one visit leaves in a hospital's systems, in dependency order: the encounter, its
 * diagnosis, the lab results the diagnosis calls for (in the hospital's own codes and units) and
 * their report, and for some visits an imaging report.
 */
final class ClinicalEpisodes {

    /** Share of patients whose disease shows in a test it tends to move (the rest are well controlled). */
    private static final int DISEASE_SHOWS_PERCENT = 75;
    /** Share of reports that reach the platform late: the timeliness rule should catch them. */
    private static final int LATE_REPORT_PER_MILLE = 20;

    private ClinicalEpisodes() {
    }

    static List<SyntheticResource> visit(HospitalConventions hospital, String patientId, int visitNumber,
                                         CarePathways.Visit visit, SplittableRandom random) {
        String patient = "Patient/" + patientId;
        String organization = "Organization/" + hospital.organizationId();
        String prefix = patientId + "-e" + visitNumber;
        LocalDateTime start = visit.start();
        LocalDateTime end = visit.inpatient()
                ? start.plusDays(2 + random.nextInt(9)).withHour(9 + random.nextInt(3))
                : start.plusMinutes(20 + random.nextInt(100));
        ClinicalCatalog.Diagnosis diagnosis = visit.diagnosis();

        List<SyntheticResource> resources = new ArrayList<>(4 + diagnosis.tests().size());
        EncounterRecord encounter = new EncounterRecord(prefix, patient, organization, visit.inpatient(), start, end);
        resources.add(encounter);
        String encounterReference = encounter.reference();
        resources.add(new ConditionRecord(prefix + "-dx", patient, encounterReference, diagnosis,
                start.plusMinutes(5 + random.nextInt(25))));

        LocalDateTime taken = start.plusMinutes(10 + random.nextInt(30));
        LocalDateTime issued = random.nextInt(1000) < LATE_REPORT_PER_MILLE
                ? taken.plusDays(8 + random.nextInt(20))
                : taken.plusMinutes(60 + random.nextInt(300));
        List<String> results = new ArrayList<>(diagnosis.tests().size());
        for (ClinicalCatalog.OrderedTest ordered : diagnosis.tests()) {
            int testIndex = LabCatalog.testIndex(ordered.key());
            LabResultRecord result = labResult(hospital, hospital.labCode(testIndex), ordered.tendency(),
                    prefix + "-" + ordered.key().toLowerCase(Locale.ROOT), patient, encounterReference, organization,
                    taken, issued, random);
            resources.add(result);
            results.add(result.reference());
        }
        resources.add(new LabReportRecord(prefix + "-lab", patient, encounterReference, organization, results, taken, issued));

        ClinicalCatalog.ImagingExam exam = imagingFor(diagnosis, random);
        if (exam != null) {
            LocalDateTime performed = start.plusMinutes(30 + random.nextInt(90));
            resources.add(new ImagingReportRecord(prefix + "-img", patient, encounterReference, organization,
                    hospital.examCodeSystem(), hospital.examCode(exam), exam,
                    exam.conclusions().get(random.nextInt(exam.conclusions().size())),
                    performed, performed.plusMinutes(60 + random.nextInt(23 * 60))));
        }
        return resources;
    }

    /** The exam the diagnosis calls for on most visits, or now and then any exam; null for none. */
    private static ClinicalCatalog.ImagingExam imagingFor(ClinicalCatalog.Diagnosis diagnosis, SplittableRandom random) {
        if (!diagnosis.imaging().isEmpty() && random.nextInt(100) < 60) {
            return ClinicalCatalog.exam(diagnosis.imaging().get(random.nextInt(diagnosis.imaging().size())));
        }
        if (random.nextInt(100) < 5) {
            return ClinicalCatalog.IMAGING.get(random.nextInt(ClinicalCatalog.IMAGING.size()));
        }
        return null;
    }

    private static LabResultRecord labResult(HospitalConventions hospital, LabCatalog.LocalLabCode local,
                                             ClinicalCatalog.Tendency tendency, String id, String patient,
                                             String encounter, String organization, LocalDateTime taken,
                                             LocalDateTime issued, SplittableRandom random) {
        LabCatalog.LabTest test = local.test();
        double referenceValue = drawValue(test, tendency, random);
        LabCatalog.Unit unit = local.unit();
        BigDecimal value = inUnit(referenceValue, unit);
        BigDecimal low = inUnit(test.low(), unit);
        BigDecimal high = inUnit(test.high(), unit);
        Interpretation interpretation = value.compareTo(low) < 0 ? Interpretation.LOW
                : value.compareTo(high) > 0 ? Interpretation.HIGH : Interpretation.NORMAL;
        return new LabResultRecord(id, patient, encounter, organization, hospital.labCodeSystem(), local, value, low, high,
                interpretation, taken, issued);
    }

    /** A result in the test's reference unit: the population's spread, or the disease's when it shows. */
    static double drawValue(LabCatalog.LabTest test, ClinicalCatalog.Tendency tendency, SplittableRandom random) {
        boolean shows = tendency != ClinicalCatalog.Tendency.USUAL && random.nextInt(100) < DISEASE_SHOWS_PERCENT;
        double value;
        if (!shows) {
            value = test.mean() + random.nextGaussian() * test.sd();
        } else if (tendency == ClinicalCatalog.Tendency.HIGH) {
            value = test.typicalHigh() + random.nextGaussian() * (test.typicalHigh() - test.high()) / 2;
        } else {
            value = test.typicalLow() + random.nextGaussian() * (test.low() - test.typicalLow()) / 2;
        }
        // Never zero or negative: a tenth of the lower limit is as low as any real result goes here.
        return Math.max(value, test.low() / 10);
    }

    private static BigDecimal inUnit(double referenceValue, LabCatalog.Unit unit) {
        return BigDecimal.valueOf(referenceValue * unit.factor()).setScale(unit.decimals(), RoundingMode.HALF_UP);
    }
}
