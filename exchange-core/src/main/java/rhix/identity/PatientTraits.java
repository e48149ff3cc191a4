package rhix.identity;

import java.time.LocalDate;
import java.util.Optional;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import rhix.fhir.RhixNamingSystems;

/**
 * The identity traits of a FHIR Patient as RHIX profiles them, read off the resource as they stand:
 * what a node sends the MPI and what {@code Patient/$match} compares. The resident ID is the text the
 * resource carries, valid or not; whoever uses it decides what an invalid number means.
 *
 * @param localIdentifierSystem the first identifier that is not the resident ID (the hospital's MRN), or null
 * @param residentIdText        the {@link RhixNamingSystems#RESIDENT_ID} identifier's value as sent, or null
 * @param nameZh                {@code HumanName.text}, else family + given run together
 * @param namePinyin            the {@link RhixNamingSystems#PINYIN_EXTENSION} on the first name, or null
 * @param gender                FHIR administrative gender code, or null
 * @param phone                 the first phone as written, or null
 * @param divisionCode          the first well-formed GB/T 2260 code on an address, or null
 */
public record PatientTraits(String localIdentifierSystem, String localIdentifierValue, String residentIdText,
                            String nameZh, String namePinyin, String gender, LocalDate birthDate, String phone,
                            String divisionCode) {

    public static PatientTraits of(Patient patient) {
        Optional<Identifier> local = patient.getIdentifier().stream()
                .filter(identifier -> identifier.hasSystem() && !RhixNamingSystems.RESIDENT_ID.equals(identifier.getSystem()))
                .findFirst();
        String residentId = patient.getIdentifier().stream()
                .filter(identifier -> RhixNamingSystems.RESIDENT_ID.equals(identifier.getSystem()) && identifier.hasValue())
                .map(Identifier::getValue)
                .findFirst().orElse(null);
        HumanName name = patient.getNameFirstRep();
        return new PatientTraits(
                local.map(Identifier::getSystem).orElse(null),
                local.map(Identifier::getValue).orElse(null),
                residentId,
                chineseName(name),
                pinyin(name),
                patient.hasGender() ? patient.getGender().toCode() : null,
                birthDate(patient),
                patient.getTelecom().stream().filter(t -> t.getSystem() == ContactPoint.ContactPointSystem.PHONE && t.hasValue())
                        .map(ContactPoint::getValue).findFirst().orElse(null),
                patient.getAddress().stream().map(PatientTraits::divisionCode).flatMap(Optional::stream).findFirst().orElse(null));
    }

    /** Only a full date is a date here; read from the text, so the JVM's time zone cannot move it a day. */
    private static LocalDate birthDate(Patient patient) {
        String text = patient.hasBirthDateElement() ? patient.getBirthDateElement().getValueAsString() : null;
        return text != null && text.length() == 10 ? LocalDate.parse(text) : null;
    }

    private static String chineseName(HumanName name) {
        if (name.hasText()) {
            return name.getText();
        }
        if (!name.hasFamily() && !name.hasGiven()) {
            return null;
        }
        return (name.hasFamily() ? name.getFamily() : "") + name.getGivenAsSingleString().replace(" ", "");
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
}
