package rhix.node.identity;

import jakarta.inject.Singleton;
import java.time.ZoneOffset;
import java.util.Optional;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import rhix.fhir.RhixNamingSystems;
import rhix.identity.AdminDivisionCode;
import rhix.identity.Gender;
import rhix.identity.InvalidResidentIdException;
import rhix.identity.ResidentId;

/** Reads the MPI's identity traits off a Patient resource. */
@Singleton
public class PatientIdentityExtractor {

    public LocalPatientIdentity extract(Patient patient, String producerId) {
        Optional<Identifier> local = patient.getIdentifier().stream()
                .filter(identifier -> identifier.getSystem() != null && !RhixNamingSystems.RESIDENT_ID.equals(identifier.getSystem()))
                .findFirst();
        Optional<ResidentId> residentId = patient.getIdentifier().stream()
                .filter(identifier -> RhixNamingSystems.RESIDENT_ID.equals(identifier.getSystem()))
                .findFirst()
                .flatMap(identifier -> parse(identifier.getValue()));
        ResidentIdForm form = residentId.map(id -> id.legacyForm() ? ResidentIdForm.LEGACY_15 : ResidentIdForm.CURRENT)
                .orElse(ResidentIdForm.ABSENT);
        HumanName name = patient.getNameFirstRep();
        return new LocalPatientIdentity(
                patient.getIdElement().getIdPart(),
                producerId,
                local.map(Identifier::getSystem).orElse(null),
                local.map(Identifier::getValue).orElse(null),
                residentId.map(ResidentId::value).orElse(null),
                form,
                clip(chineseName(name), 64),
                clip(pinyin(name), 128),
                patient.hasGender() ? Gender.fromFhir(patient.getGender().toCode()).code() : null,
                patient.hasBirthDate() ? patient.getBirthDate().toInstant().atZone(ZoneOffset.UTC).toLocalDate() : null,
                clip(patient.getTelecom().stream().filter(t -> t.getSystem() == ContactPoint.ContactPointSystem.PHONE)
                        .map(ContactPoint::getValue).findFirst().orElse(null), 32),
                patient.getAddress().stream().map(PatientIdentityExtractor::divisionCode).flatMap(Optional::stream)
                        .findFirst().orElse(null));
    }

    private static String chineseName(HumanName name) {
        if (name.hasText()) {
            return name.getText();
        }
        return name.hasFamily() || name.hasGiven() ? name.getFamily() + name.getGivenAsSingleString().replace(" ", "") : null;
    }

    private static String pinyin(HumanName name) {
        var extension = name.getExtensionByUrl(RhixNamingSystems.PINYIN_EXTENSION);
        return extension == null || extension.getValue() == null ? null : extension.getValue().primitiveValue();
    }

    private static Optional<String> divisionCode(Address address) {
        return address.getExtensionsByUrl(RhixNamingSystems.ADMIN_DIVISION).stream()
                .map(extension -> extension.getValue() == null ? null : extension.getValue().primitiveValue())
                .filter(AdminDivisionCode::isWellFormed)
                .findFirst();
    }

    private static Optional<ResidentId> parse(String value) {
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
