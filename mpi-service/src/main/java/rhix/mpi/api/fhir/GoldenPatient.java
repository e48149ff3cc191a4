package rhix.mpi.api.fhir;

import java.util.Date;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import rhix.fhir.RhixNamingSystems;
import rhix.mpi.index.EnterpriseIdentity;
import rhix.mpi.index.GoldenRecord;
import rhix.mpi.index.RegisteredRecord;

/**
 * An enterprise identity as a FHIR Patient, profiled the way the nodes profile theirs (so
 * {@code PatientTraits} reads the same traits back), with the person's identifiers in every domain and
 * {@code Patient.link} as the FHIR specification defines it for a master record:
 * <ul>
 *   <li>a retired (merged) identity: {@code active=false}, {@code replaced-by} → the survivor;</li>
 *   <li>a survivor: {@code replaces} → each identity merged into it, whose ids it also carries as
 *       identifiers of use {@code old}, so ids handed out before the merge still find the person;</li>
 *   <li>{@code seealso} → each linked local Patient, by its hospital number (an identifier reference: the
 *       MPI does not know the nodes' resource URLs, and PIXm's answer carries the same identifiers).</li>
 * </ul>
 */
final class GoldenPatient {

    private GoldenPatient() {
    }

    static Patient of(PersonView view) {
        EnterpriseIdentity identity = view.identity();
        GoldenRecord golden = identity.golden();
        Patient patient = new Patient();
        patient.setId(new IdType("Patient", identity.enterpriseId(), String.valueOf(identity.version())));
        patient.getMeta().setVersionId(String.valueOf(identity.version())).setLastUpdated(Date.from(identity.updatedAt()));
        patient.addIdentifier(new Identifier().setUse(Identifier.IdentifierUse.OFFICIAL)
                .setSystem(RhixNamingSystems.ENTERPRISE_ID).setValue(identity.enterpriseId()));
        for (String replaced : view.replaced()) {
            patient.addIdentifier(new Identifier().setUse(Identifier.IdentifierUse.OLD)
                    .setSystem(RhixNamingSystems.ENTERPRISE_ID).setValue(replaced));
        }
        if (golden.residentId() != null) {
            patient.addIdentifier(new Identifier().setUse(Identifier.IdentifierUse.OFFICIAL)
                    .setSystem(RhixNamingSystems.RESIDENT_ID).setValue(golden.residentId()));
        }
        for (RegisteredRecord record : view.records()) {
            localIdentifier(record).ifPresent(patient::addIdentifier);
        }
        patient.setActive(identity.status() == EnterpriseIdentity.Status.ACTIVE);
        if (golden.nameZh() != null || golden.namePinyin() != null) {
            HumanName name = patient.addName().setUse(HumanName.NameUse.OFFICIAL).setText(golden.nameZh());
            if (golden.namePinyin() != null) {
                name.addExtension(RhixNamingSystems.PINYIN_EXTENSION, new StringType(golden.namePinyin()));
            }
        }
        if (golden.phone() != null) {
            patient.addTelecom(new ContactPoint().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue(golden.phone()));
        }
        if (golden.gender() != null) {
            patient.setGender(gender(golden.gender()));
        }
        if (golden.birthDate() != null) {
            patient.setBirthDateElement(new DateType(golden.birthDate().toString()));
        }
        if (golden.divisionCode() != null) {
            Address address = patient.addAddress();
            address.addExtension(RhixNamingSystems.ADMIN_DIVISION, new CodeType(golden.divisionCode()));
        }
        if (identity.status() == EnterpriseIdentity.Status.MERGED && identity.mergedInto() != null) {
            patient.addLink().setType(Patient.LinkType.REPLACEDBY)
                    .setOther(new Reference("Patient/" + identity.mergedInto()));
        }
        for (String replaced : view.replaced()) {
            patient.addLink().setType(Patient.LinkType.REPLACES).setOther(new Reference("Patient/" + replaced));
        }
        for (RegisteredRecord record : view.records()) {
            localIdentifier(record).ifPresent(mrn -> patient.addLink().setType(Patient.LinkType.SEEALSO)
                    .setOther(new Reference().setType("Patient").setIdentifier(mrn.copy())
                            .setDisplay("record " + record.key() + " at node " + record.traits().nodeId())));
        }
        return patient;
    }

    /** Codes the index holds that FHIR does not know are shown as {@code unknown} rather than failing the read. */
    private static AdministrativeGender gender(String code) {
        try {
            return AdministrativeGender.fromCode(code);
        } catch (org.hl7.fhir.exceptions.FHIRException e) {
            return AdministrativeGender.UNKNOWN;
        }
    }

    /** The record's hospital number; records registered without one have no identifier to show. */
    static java.util.Optional<Identifier> localIdentifier(RegisteredRecord record) {
        if (record.localIdentifierSystem() == null || record.localIdentifierSystem().isBlank()
                || record.localIdentifierValue() == null || record.localIdentifierValue().isBlank()) {
            return java.util.Optional.empty();
        }
        Identifier identifier = new Identifier().setUse(Identifier.IdentifierUse.USUAL)
                .setSystem(record.localIdentifierSystem()).setValue(record.localIdentifierValue());
        if (record.producerId() != null && !record.producerId().isBlank()) {
            identifier.setAssigner(new Reference().setIdentifier(new Identifier()
                    .setSystem(RhixNamingSystems.ORGANIZATION_CODE).setValue(record.producerId())));
        }
        return java.util.Optional.of(identifier);
    }
}
