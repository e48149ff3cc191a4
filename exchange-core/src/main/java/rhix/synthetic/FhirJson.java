package rhix.synthetic;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import rhix.fhir.RhixNamingSystems;
import rhix.synthetic.HospitalRecords.ConditionRecord;
import rhix.synthetic.HospitalRecords.EncounterRecord;
import rhix.synthetic.HospitalRecords.ImagingReportRecord;
import rhix.synthetic.HospitalRecords.LabReportRecord;
import rhix.synthetic.HospitalRecords.LabResultRecord;
import rhix.synthetic.HospitalRecords.OrganizationRecord;
import rhix.synthetic.HospitalRecords.PatientRecord;
import rhix.synthetic.HospitalRecords.PostalAddress;

/**
 * Writes hospital records as FHIR R4 JSON, element for element in the order and form HAPI's
 * encoder uses, so a line parsed by HAPI and encoded again comes back byte for byte (the tests
 * hold every resource to that). Times are China Standard Time, written with their offset, so
 * output does not depend on the generating machine's zone.
 */
final class FhirJson {

    private static final String OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";
    private static final String OBSERVATION_INTERPRETATION = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";
    private static final String REPORT_SECTION = "http://terminology.hl7.org/CodeSystem/v2-0074";
    private static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
    private static final String CONDITION_CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical";
    private static final String CONDITION_VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status";
    private static final String CONDITION_CATEGORY = "http://terminology.hl7.org/CodeSystem/condition-category";
    private static final String IDENTIFIER_TYPE = "http://terminology.hl7.org/CodeSystem/v2-0203";
    private static final String ORGANIZATION_TYPE = "http://terminology.hl7.org/CodeSystem/organization-type";
    private static final String UCUM = "http://unitsofmeasure.org";
    private static final String CHINA_OFFSET = "+08:00";

    static String encode(SyntheticResource resource) {
        return switch (resource) {
            case OrganizationRecord organization -> organization(organization);
            case PatientRecord patient -> patient(patient);
            case EncounterRecord encounter -> encounter(encounter);
            case ConditionRecord condition -> condition(condition);
            case LabResultRecord result -> labResult(result);
            case LabReportRecord report -> labReport(report);
            case ImagingReportRecord report -> imagingReport(report);
        };
    }

    /** A transaction Bundle that PUTs each resource at {@code Type/id}, in the order given. */
    static String transactionBundle(List<? extends SyntheticResource> resources) {
        JsonText json = new JsonText(1024 * resources.size() + 64).beginObject()
                .string("resourceType", "Bundle").string("type", "transaction").beginArray("entry");
        // Entries encode independently: on every core, then assembled in order.
        List<String> encoded = resources.parallelStream().map(SyntheticResource::toJson).toList();
        for (int i = 0; i < resources.size(); i++) {
            SyntheticResource resource = resources.get(i);
            json.beginObject().raw("resource", encoded.get(i))
                    .beginObject("request").string("method", "PUT").string("url", resource.reference()).endObject()
                    .endObject();
        }
        return json.endArray().endObject().toString();
    }

    private static String organization(OrganizationRecord organization) {
        JsonText json = start("Organization", organization.id(), 600);
        json.beginArray("identifier").beginObject()
                .string("system", RhixNamingSystems.ORGANIZATION_CODE).string("value", organization.hospital().organizationCode())
                .endObject().endArray();
        json.bool("active", true);
        json.beginArray("type").beginObject();
        coding(json, ORGANIZATION_TYPE, "prov", "Healthcare Provider");
        json.endObject().endArray();
        json.string("name", organization.hospital().name());
        address(json, organization.address(), false);
        return json.endObject().toString();
    }

    private static String patient(PatientRecord patient) {
        RecordedIdentity identity = patient.identity();
        JsonText json = start("Patient", patient.id(), 1100);
        json.beginArray("identifier");
        json.beginObject().string("use", "usual").beginObject("type");
        coding(json, IDENTIFIER_TYPE, "MR", "Medical record number");
        json.endObject()
                .string("system", RhixNamingSystems.hospitalPatientIds(patient.organizationCode()))
                .string("value", patient.medicalRecordNumber()).endObject();
        if (identity.residentIdText() != null) {
            json.beginObject().string("use", "official")
                    .string("system", RhixNamingSystems.RESIDENT_ID).string("value", identity.residentIdText()).endObject();
        }
        json.endArray();
        json.beginArray("name").beginObject();
        json.beginArray("extension").beginObject()
                .string("url", RhixNamingSystems.PINYIN_EXTENSION).string("valueString", identity.pinyin())
                .endObject().endArray();
        json.string("use", "official").string("text", identity.nameZh()).string("family", identity.familyName())
                .beginArray("given").string(identity.givenName()).endArray();
        json.endObject().endArray();
        json.beginArray("telecom").beginObject()
                .string("system", "phone").string("value", identity.phone()).string("use", "mobile")
                .endObject().endArray();
        json.string("gender", patient.gender().fhirAdministrativeGender());
        json.string("birthDate", identity.birthDate());
        address(json, patient.address(), true);
        reference(json, "managingOrganization", patient.organization());
        return json.endObject().toString();
    }

    private static String encounter(EncounterRecord encounter) {
        JsonText json = start("Encounter", encounter.id(), 600);
        json.string("status", "finished");
        json.beginObject("class");
        json.string("system", ACT_CODE).string("code", encounter.inpatient() ? "IMP" : "AMB")
                .string("display", encounter.inpatient() ? "inpatient encounter" : "ambulatory");
        json.endObject();
        reference(json, "subject", encounter.patient());
        json.beginObject("period").string("start", dateTime(encounter.start())).string("end", dateTime(encounter.end()))
                .endObject();
        reference(json, "serviceProvider", encounter.organization());
        return json.endObject().toString();
    }

    private static String condition(ConditionRecord condition) {
        JsonText json = start("Condition", condition.id(), 900);
        json.beginObject("clinicalStatus");
        coding(json, CONDITION_CLINICAL, "active", "Active");
        json.endObject();
        json.beginObject("verificationStatus");
        coding(json, CONDITION_VERIFICATION, "confirmed", "Confirmed");
        json.endObject();
        category(json, CONDITION_CATEGORY, "encounter-diagnosis", "Encounter Diagnosis");
        json.beginObject("code");
        coding(json, ClinicalCatalog.ICD10, condition.diagnosis().code(), condition.diagnosis().nameZh());
        json.string("text", condition.diagnosis().nameZh()).endObject();
        reference(json, "subject", condition.patient());
        reference(json, "encounter", condition.encounter());
        json.string("recordedDate", dateTime(condition.recorded()));
        return json.endObject().toString();
    }

    private static String labResult(LabResultRecord result) {
        LabCatalog.LocalLabCode local = result.local();
        JsonText json = start("Observation", result.id(), 1300);
        json.string("status", "final");
        category(json, OBSERVATION_CATEGORY, "laboratory", "Laboratory");
        json.beginObject("code");
        coding(json, result.codeSystem(), local.code(), local.display());
        json.string("text", local.display()).endObject();
        reference(json, "subject", result.patient());
        reference(json, "encounter", result.encounter());
        json.string("effectiveDateTime", dateTime(result.effective()));
        json.string("issued", dateTime(result.issued()));
        json.beginArray("performer");
        referenceElement(json, result.organization());
        json.endArray();
        json.beginObject("valueQuantity");
        quantity(json, result.value(), local.unit());
        json.endObject();
        json.beginArray("interpretation").beginObject();
        coding(json, OBSERVATION_INTERPRETATION, result.interpretation().code, result.interpretation().display);
        json.endObject().endArray();
        json.beginArray("referenceRange").beginObject();
        json.beginObject("low");
        quantity(json, result.low(), local.unit());
        json.endObject().beginObject("high");
        quantity(json, result.high(), local.unit());
        json.endObject();
        json.endObject().endArray();
        return json.endObject().toString();
    }

    private static String labReport(LabReportRecord report) {
        JsonText json = start("DiagnosticReport", report.id(), 700 + 60 * report.results().size());
        json.string("status", "final");
        category(json, REPORT_SECTION, "LAB", "Laboratory");
        json.beginObject("code");
        coding(json, ClinicalCatalog.LOINC, "11502-2", "Laboratory report");
        json.string("text", "检验报告单").endObject();
        reference(json, "subject", report.patient());
        reference(json, "encounter", report.encounter());
        json.string("effectiveDateTime", dateTime(report.effective()));
        json.string("issued", dateTime(report.issued()));
        json.beginArray("performer");
        referenceElement(json, report.organization());
        json.endArray();
        json.beginArray("result");
        report.results().forEach(result -> referenceElement(json, result));
        json.endArray();
        return json.endObject().toString();
    }

    private static String imagingReport(ImagingReportRecord report) {
        ClinicalCatalog.ImagingExam exam = report.exam();
        JsonText json = start("DiagnosticReport", report.id(), 900);
        json.string("status", "final");
        category(json, REPORT_SECTION, "RAD", "Radiology");
        json.beginObject("code").beginArray("coding");
        codingElement(json, report.codeSystem(), report.localCode(), exam.nameZh());
        codingElement(json, ClinicalCatalog.LOINC, exam.loinc(), exam.loincDisplay());
        json.endArray().string("text", exam.nameZh()).endObject();
        reference(json, "subject", report.patient());
        reference(json, "encounter", report.encounter());
        json.string("effectiveDateTime", dateTime(report.effective()));
        json.string("issued", dateTime(report.issued()));
        json.beginArray("performer");
        referenceElement(json, report.organization());
        json.endArray();
        json.string("conclusion", report.conclusion());
        return json.endObject().toString();
    }

    private static JsonText start(String type, String id, int capacity) {
        return new JsonText(capacity).beginObject().string("resourceType", type).string("id", id);
    }

    /** "coding": [ {system, code, display} ] */
    /** A one-element {@code category} array holding one CodeableConcept with one coding. */
    private static void category(JsonText json, String system, String code, String display) {
        json.beginArray("category").beginObject();
        coding(json, system, code, display);
        json.endObject().endArray();
    }

    private static void coding(JsonText json, String system, String code, String display) {
        json.beginArray("coding");
        codingElement(json, system, code, display);
        json.endArray();
    }

    private static void codingElement(JsonText json, String system, String code, String display) {
        json.beginObject().string("system", system).string("code", code).string("display", display).endObject();
    }

    private static void reference(JsonText json, String name, String target) {
        json.beginObject(name).string("reference", target).endObject();
    }

    private static void referenceElement(JsonText json, String target) {
        json.beginObject().string("reference", target).endObject();
    }

    private static void quantity(JsonText json, BigDecimal value, LabCatalog.Unit unit) {
        json.number("value", value).string("unit", unit.display()).string("system", UCUM).string("code", unit.ucum());
    }

    /** The address with its GB/T 2260 code as an extension (HAPI writes extensions first). */
    private static void address(JsonText json, PostalAddress address, boolean home) {
        json.beginArray("address").beginObject();
        json.beginArray("extension").beginObject()
                .string("url", RhixNamingSystems.ADMIN_DIVISION).string("valueCode", address.division().value())
                .endObject().endArray();
        if (home) {
            json.string("use", "home");
        }
        json.string("text", address.text());
        if (address.line() != null) {
            json.beginArray("line").string(address.line()).endArray();
        }
        if (address.city() != null) {
            json.string("city", address.city());
        }
        if (address.district() != null) {
            json.string("district", address.district());
        }
        json.string("state", address.state());
        json.endObject().endArray();
    }

    /** yyyy-MM-ddTHH:mm:ss+08:00: second precision, explicit offset, as FHIR dateTime and instant both accept. */
    static String dateTime(LocalDateTime time) {
        StringBuilder text = new StringBuilder(25);
        pad(text, time.getYear(), 4).append('-');
        pad(text, time.getMonthValue(), 2).append('-');
        pad(text, time.getDayOfMonth(), 2).append('T');
        pad(text, time.getHour(), 2).append(':');
        pad(text, time.getMinute(), 2).append(':');
        pad(text, time.getSecond(), 2);
        return text.append(CHINA_OFFSET).toString();
    }

    private static StringBuilder pad(StringBuilder text, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            text.append('0');
        }
        return text.append(digits);
    }

    private FhirJson() {
    }
}
