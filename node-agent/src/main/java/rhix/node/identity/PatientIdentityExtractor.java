package rhix.node.identity;

import jakarta.inject.Singleton;
import java.util.Optional;
import org.hl7.fhir.r4.model.Patient;
import rhix.identity.Gender;
import rhix.identity.InvalidResidentIdException;
import rhix.identity.PatientTraits;
import rhix.identity.ResidentId;

/**
 * Turns a Patient's traits ({@link PatientTraits}, shared with the MPI's {@code $match}) into the row the
 * node keeps and registers: the resident ID in its canonical 18-character form, so that a legacy 15-digit
 * card and a current one of the same person compare equal; the GB/T 2261.1 sex code; free text clipped to
 * the store's columns. Ingestion refuses invalid resident IDs before this runs, so one that does not parse
 * here is treated as absent rather than stored half-valid.
 */
@Singleton
public class PatientIdentityExtractor {

    public LocalPatientIdentity extract(Patient patient, String producerId) {
        PatientTraits traits = PatientTraits.of(patient);
        Optional<ResidentId> residentId = parse(traits.residentIdText());
        ResidentIdForm form = residentId.map(id -> id.legacyForm() ? ResidentIdForm.LEGACY_15 : ResidentIdForm.CURRENT)
                .orElse(ResidentIdForm.ABSENT);
        return new LocalPatientIdentity(
                patient.getIdElement().getIdPart(),
                producerId,
                traits.localIdentifierSystem(),
                traits.localIdentifierValue(),
                residentId.map(ResidentId::value).orElse(null),
                form,
                clip(traits.nameZh(), 64),
                clip(traits.namePinyin(), 128),
                traits.gender() == null ? null : Gender.fromFhir(traits.gender()).code(),
                traits.birthDate(),
                clip(traits.phone(), 32),
                traits.divisionCode());
    }

    private static Optional<ResidentId> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ResidentId.parse(value));
        } catch (InvalidResidentIdException e) {
            return Optional.empty();
        }
    }

    private static String clip(String value, int length) {
        return value == null || value.length() <= length ? value : value.substring(0, length);
    }
}
