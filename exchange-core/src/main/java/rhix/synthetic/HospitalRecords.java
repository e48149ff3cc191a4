package rhix.synthetic;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import rhix.identity.AdminDivisionCode;
import rhix.identity.Gender;

/**
 * What a hospital's systems hold about its patients and their care, one record per FHIR resource,
 * before it is written in any format ({@link FhirJson} writes it). References are {@code Type/id}.
 */
final class HospitalRecords {

    /** An address as a Chinese hospital records it: province, city, county, street, and the county's GB/T 2260 code. */
    record PostalAddress(String state, String city, String district, String line, AdminDivisionCode division) {

        String text() {
            return state + (city == null ? "" : city) + (district == null ? "" : district) + (line == null ? "" : line);
        }
    }

    record OrganizationRecord(String id, Hospital hospital, PostalAddress address) implements SyntheticResource {
        @Override
        public String resourceType() {
            return "Organization";
        }
    }

    /** @param medicalRecordNumber the hospital's own patient number (病案号/就诊卡号) */
    record PatientRecord(String id, String organizationCode, String medicalRecordNumber, RecordedIdentity identity,
                         Gender gender, PostalAddress address, String organization) implements SyntheticResource {
        @Override
        public String resourceType() {
            return "Patient";
        }
    }

    record EncounterRecord(String id, String patient, String organization, boolean inpatient, LocalDateTime start,
                           LocalDateTime end) implements SyntheticResource {
        @Override
        public String resourceType() {
            return "Encounter";
        }
    }

    record ConditionRecord(String id, String patient, String encounter, ClinicalCatalog.Diagnosis diagnosis,
                           LocalDateTime recorded) implements SyntheticResource {
        @Override
        public String resourceType() {
            return "Condition";
        }
    }

    /** How a result compares with the reference interval (HL7 v3 ObservationInterpretation). */
    enum Interpretation {
        LOW("L", "Low"), NORMAL("N", "Normal"), HIGH("H", "High");

        final String code;
        final String display;

        Interpretation(String code, String display) {
            this.code = code;
            this.display = display;
        }
    }

    /**
     * A lab result in the hospital's own code and unit.
     *
     * @param codeSystem the hospital's local lab code system
     * @param low        the reference interval in the hospital's unit
     */
    record LabResultRecord(String id, String patient, String encounter, String organization, String codeSystem,
                           LabCatalog.LocalLabCode local, BigDecimal value, BigDecimal low, BigDecimal high,
                           Interpretation interpretation, LocalDateTime effective, LocalDateTime issued)
            implements SyntheticResource {
        @Override
        public String resourceType() {
            return "Observation";
        }
    }

    record LabReportRecord(String id, String patient, String encounter, String organization, List<String> results,
                           LocalDateTime effective, LocalDateTime issued) implements SyntheticResource {
        LabReportRecord {
            results = List.copyOf(results);
        }

        @Override
        public String resourceType() {
            return "DiagnosticReport";
        }
    }

    /** @param codeSystem the hospital's local exam code system; {@code localCode} is in it */
    record ImagingReportRecord(String id, String patient, String encounter, String organization, String codeSystem,
                               String localCode, ClinicalCatalog.ImagingExam exam, String conclusion,
                               LocalDateTime effective, LocalDateTime issued) implements SyntheticResource {
        @Override
        public String resourceType() {
            return "DiagnosticReport";
        }
    }

    private HospitalRecords() {
    }
}
