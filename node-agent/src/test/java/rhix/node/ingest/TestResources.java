package rhix.node.ingest;

import ca.uhn.fhir.context.FhirContext;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Date;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.StringType;
import rhix.fhir.RhixNamingSystems;
import rhix.identity.AdminDivisionCode;
import rhix.identity.ResidentId;

/** Small, valid resources for ingestion tests; each test prefixes ids so tests share one store. */
final class TestResources {

    static final FhirContext FHIR = FhirContext.forR4Cached();
    static final String HOSPITAL = "H330102001";

    static Organization hospital(String prefix) {
        Organization organization = new Organization();
        organization.setId(prefix + "-org");
        organization.addIdentifier().setSystem(RhixNamingSystems.ORGANIZATION_CODE).setValue(HOSPITAL);
        organization.setName("上城区人民医院");
        return organization;
    }

    static Patient patient(String prefix, ResidentId residentId) {
        Patient patient = new Patient();
        patient.setId(prefix + "-p1");
        patient.addIdentifier().setSystem(RhixNamingSystems.hospitalPatientIds(HOSPITAL)).setValue(prefix + "-mrn1");
        if (residentId != null) {
            patient.addIdentifier().setSystem(RhixNamingSystems.RESIDENT_ID).setValue(residentId.value());
        }
        var name = patient.addName().setText("张伟").setFamily("张").addGiven("伟");
        name.addExtension(RhixNamingSystems.PINYIN_EXTENSION, new StringType("zhang wei"));
        patient.setGender(residentId == null || residentId.sex() == rhix.identity.Gender.MALE
                ? AdministrativeGender.MALE : AdministrativeGender.FEMALE);
        if (residentId != null) {
            patient.setBirthDateElement(new org.hl7.fhir.r4.model.DateType(residentId.birthDate().toString()));
        }
        patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue("13800138000");
        patient.addAddress().setDistrict("上城区")
                .addExtension(RhixNamingSystems.ADMIN_DIVISION, new org.hl7.fhir.r4.model.CodeType("330102"));
        return patient;
    }

    static ResidentId validResidentId() {
        return ResidentId.of(AdminDivisionCode.of("330102"), LocalDate.of(1980, 5, 17), 123);
    }

    static Encounter encounter(String prefix) {
        Encounter encounter = new Encounter();
        encounter.setId(prefix + "-e1");
        encounter.setStatus(Encounter.EncounterStatus.FINISHED);
        encounter.getClass_().setSystem("http://terminology.hl7.org/CodeSystem/v3-ActCode").setCode("AMB");
        encounter.getSubject().setReference("Patient/" + prefix + "-p1");
        encounter.getPeriod().setStartElement(new DateTimeType("2026-10-01T08:00:00+08:00"))
                .setEndElement(new DateTimeType("2026-10-01T09:00:00+08:00"));
        return encounter;
    }

    static Observation glucose(String prefix, double value) {
        Observation observation = new Observation();
        observation.setId(prefix + "-o1");
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.addCategory().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/observation-category")
                .setCode("laboratory");
        observation.getCode().addCoding().setSystem(RhixNamingSystems.hospitalLabCodes(HOSPITAL)).setCode("GLU")
                .setDisplay("葡萄糖");
        observation.getSubject().setReference("Patient/" + prefix + "-p1");
        observation.getEncounter().setReference("Encounter/" + prefix + "-e1");
        observation.setEffective(new DateTimeType("2026-10-01T08:30:00+08:00"));
        observation.setIssued(Date.from(java.time.Instant.parse("2026-10-01T03:00:00Z")));
        observation.setValue(new Quantity().setValue(value).setUnit("mmol/L").setSystem("http://unitsofmeasure.org")
                .setCode("mmol/L"));
        return observation;
    }

    static String ndjson(IBaseResource... resources) {
        var parser = FHIR.newJsonParser().setPrettyPrint(false);
        return Arrays.stream(resources).map(parser::encodeResourceToString).collect(Collectors.joining("\n")) + "\n";
    }

    private TestResources() {
    }
}
