package rhix.node.identity;

import java.time.LocalDate;

/**
 * The identity traits of one local patient, the only patient data that leaves the node for the
 * MPI (collect once, minimum necessary). {@code residentId} is the canonical 18-character form.
 */
public record LocalPatientIdentity(String patientId, String producerId, String localIdentifierSystem,
                                   String localIdentifierValue, String residentId, ResidentIdForm residentIdForm,
                                   String nameZh, String namePinyin, String genderCode, LocalDate birthDate,
                                   String phone, String divisionCode) {
}
