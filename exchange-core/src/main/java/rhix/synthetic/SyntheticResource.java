package rhix.synthetic;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Resource;

/**
 * One resource of a hospital's feed, as the generator made it. Sinks take it in the form they
 * need: {@link #toJson()} for files (fast, and exactly what HAPI's encoder would write for it),
 * {@link #toFhir()} for code that wants HAPI model objects.
 */
public sealed interface SyntheticResource permits HospitalRecords.OrganizationRecord, HospitalRecords.PatientRecord,
        HospitalRecords.EncounterRecord, HospitalRecords.ConditionRecord, HospitalRecords.LabResultRecord,
        HospitalRecords.LabReportRecord, HospitalRecords.ImagingReportRecord {

    /** The FHIR resource type, e.g. {@code Patient}. */
    String resourceType();

    /** The logical id, unique within the hospital's node. */
    String id();

    /** {@code Type/id}: how other resources refer to this one. */
    default String reference() {
        return resourceType() + "/" + id();
    }

    /** The resource as one line of compact FHIR R4 JSON. */
    default String toJson() {
        return FhirJson.encode(this);
    }

    /** The resource as a HAPI R4 model object (parsed from {@link #toJson()}). */
    default Resource toFhir() {
        return (Resource) FhirContext.forR4Cached().newJsonParser().parseResource(toJson());
    }
}
