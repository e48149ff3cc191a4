package rhix.synthetic;

import java.util.List;
import rhix.fhir.RhixNamingSystems;

/**
 * How one hospital names things: its resource ids and patient numbers, its local lab and exam code
 * systems and codes. Patient numbers are a keyed permutation of the person key, different at
 * every hospital, so that neither ids nor medical record numbers give away who is the same
 * person across hospitals: only the identity traits and the ground truth do.
 */
final class HospitalConventions {

    /** Patient numbers are nine digits: room for every person the region can register. */
    private static final long PATIENT_NUMBERS = 1_000_000_000L;

    private final Hospital hospital;
    private final KeyedPermutation patientNumbers;
    private final String labCodeSystem;
    private final String examCodeSystem;
    private final List<LabCatalog.LocalLabCode> labCodes;
    private final List<String> examCodes;

    HospitalConventions(Hospital hospital, long seed) {
        this.hospital = hospital;
        this.patientNumbers = new KeyedPermutation(PATIENT_NUMBERS,
                KeyedPermutation.mix(seed) ^ hospital.organizationCode().hashCode());
        this.labCodeSystem = RhixNamingSystems.hospitalLabCodes(hospital.organizationCode());
        this.examCodeSystem = examCodeSystem(hospital.organizationCode());
        this.labCodes = LabCatalog.localCodes(hospital);
        this.examCodes = ClinicalCatalog.IMAGING.stream().map(exam -> ClinicalCatalog.localExamCode(hospital, exam)).toList();
    }

    /**
     * The hospital's imaging exam code system: its lab code system's sibling. RhixNamingSystems has
     * no exam system yet; derived here so the two stay side by side under the hospital's URI.
     */
    static String examCodeSystem(String organizationCode) {
        String lab = RhixNamingSystems.hospitalLabCodes(organizationCode);
        return lab.substring(0, lab.lastIndexOf('/')) + "/exam";
    }

    Hospital hospital() {
        return hospital;
    }

    String organizationId() {
        return hospital.idPrefix() + "-org";
    }

    /** The hospital's own number for a person: nine digits, unrelated to the numbers other hospitals give them. */
    String patientNumber(long personKey) {
        if (personKey < 1 || personKey > PATIENT_NUMBERS) {
            throw new IllegalArgumentException("person key " + personKey + " outside 1.." + PATIENT_NUMBERS);
        }
        String digits = Long.toString(patientNumbers.apply(personKey - 1));
        return "0".repeat(9 - digits.length()) + digits;
    }

    String patientId(String patientNumber) {
        return hospital.idPrefix() + "-p" + patientNumber;
    }

    String labCodeSystem() {
        return labCodeSystem;
    }

    String examCodeSystem() {
        return examCodeSystem;
    }

    LabCatalog.LocalLabCode labCode(int testIndex) {
        return labCodes.get(testIndex);
    }

    String examCode(ClinicalCatalog.ImagingExam exam) {
        return examCodes.get(ClinicalCatalog.IMAGING.indexOf(exam));
    }
}
