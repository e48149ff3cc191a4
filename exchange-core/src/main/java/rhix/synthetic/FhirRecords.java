package rhix.synthetic;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.SplittableRandom;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import rhix.fhir.RhixNamingSystems;

/** Turns drawn people and visits into FHIR R4 resources as a hospital's systems would send them. */
final class FhirRecords {

    private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);
    private static final String OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";
    private static final String REPORT_SECTION = "http://terminology.hl7.org/CodeSystem/v2-0074";
    private static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
    private static final String CONDITION_CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical";
    private static final String CONDITION_CATEGORY = "http://terminology.hl7.org/CodeSystem/condition-category";
    private static final String UCUM = "http://unitsofmeasure.org";

    private FhirRecords() {
    }

    static Organization organization(Hospital hospital) {
        Organization organization = new Organization();
        organization.setId(organizationId(hospital));
        organization.addIdentifier().setSystem(RhixNamingSystems.ORGANIZATION_CODE).setValue(hospital.organizationCode());
        organization.setActive(true);
        organization.setName(hospital.name());
        organization.addType().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/organization-type")
                .setCode("prov").setDisplay("Healthcare Provider");
        organization.addAddress().setState("浙江省")
                .addExtension(RhixNamingSystems.ADMIN_DIVISION, new CodeType(hospital.division().value()));
        return organization;
    }

    static String organizationId(Hospital hospital) {
        return hospital.idPrefix() + "-org";
    }

    static String patientId(Hospital hospital, long personKey) {
        return hospital.idPrefix() + "-p" + personKey;
    }

    static Patient patient(Hospital hospital, Person person, RecordedIdentity recorded, String countyName) {
        Patient patient = new Patient();
        patient.setId(patientId(hospital, person.personKey()));
        patient.addIdentifier().setUse(org.hl7.fhir.r4.model.Identifier.IdentifierUse.USUAL)
                .setSystem(RhixNamingSystems.hospitalPatientIds(hospital.organizationCode()))
                .setValue(String.format("%s%08d", hospital.organizationCode().substring(1, 5), person.personKey()));
        if (recorded.residentIdText() != null) {
            patient.addIdentifier().setUse(org.hl7.fhir.r4.model.Identifier.IdentifierUse.OFFICIAL)
                    .setSystem(RhixNamingSystems.RESIDENT_ID).setValue(recorded.residentIdText());
        }
        HumanName name = patient.addName().setUse(HumanName.NameUse.OFFICIAL).setText(recorded.nameZh())
                .setFamily(recorded.familyName()).addGiven(String.join("", recorded.givenCharacters()));
        name.addExtension(RhixNamingSystems.PINYIN_EXTENSION, new StringType(recorded.pinyin()));
        patient.setGender(person.gender() == rhix.identity.Gender.MALE ? Enumerations.AdministrativeGender.MALE
                : Enumerations.AdministrativeGender.FEMALE);
        patient.setBirthDateElement(new DateType(recorded.birthDate()));
        patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setUse(ContactPoint.ContactPointUse.MOBILE)
                .setValue(recorded.phone());
        patient.addAddress().setUse(org.hl7.fhir.r4.model.Address.AddressUse.HOME).setState("浙江省").setDistrict(countyName)
                .setText("浙江省" + countyName)
                .addExtension(RhixNamingSystems.ADMIN_DIVISION, new CodeType(person.homeCounty().value()));
        patient.setManagingOrganization(new Reference("Organization/" + organizationId(hospital)));
        return patient;
    }

    /** One visit: the encounter, its diagnosis, lab results and their report, and sometimes an imaging report. */
    static List<Resource> visit(Hospital hospital, Person person, int visitNumber, LocalDate asOf, SplittableRandom random) {
        String prefix = hospital.idPrefix() + "-" + person.personKey() + "-" + visitNumber;
        String patientReference = "Patient/" + patientId(hospital, person.personKey());
        String organizationReference = "Organization/" + organizationId(hospital);
        LocalDate earliest = asOf.minusYears(3).isAfter(person.birthDate()) ? asOf.minusYears(3) : person.birthDate();
        long span = Math.max(1, asOf.toEpochDay() - earliest.toEpochDay() - 1);
        LocalDateTime start = earliest.plusDays(random.nextLong(span)).atTime(7 + random.nextInt(10), random.nextInt(60));
        boolean inpatient = random.nextInt(10) == 0;
        LocalDateTime end = inpatient ? start.plusDays(2 + random.nextInt(8)) : start.plusMinutes(20 + random.nextInt(100));

        List<Resource> resources = new ArrayList<>();
        Encounter encounter = new Encounter();
        encounter.setId(prefix + "-enc");
        encounter.setStatus(Encounter.EncounterStatus.FINISHED);
        encounter.getClass_().setSystem(ACT_CODE).setCode(inpatient ? "IMP" : "AMB")
                .setDisplay(inpatient ? "inpatient encounter" : "ambulatory");
        encounter.getSubject().setReference(patientReference);
        encounter.getPeriod().setStartElement(dateTime(start)).setEndElement(dateTime(end));
        encounter.getServiceProvider().setReference(organizationReference);
        resources.add(encounter);

        ClinicalCatalog.Diagnosis diagnosis = ClinicalCatalog.DIAGNOSES.get(random.nextInt(ClinicalCatalog.DIAGNOSES.size()));
        Condition condition = new Condition();
        condition.setId(prefix + "-dx");
        condition.getClinicalStatus().addCoding().setSystem(CONDITION_CLINICAL).setCode("active");
        condition.addCategory().addCoding().setSystem(CONDITION_CATEGORY).setCode("encounter-diagnosis");
        condition.getCode().addCoding().setSystem(ClinicalCatalog.ICD10).setCode(diagnosis.code()).setDisplay(diagnosis.nameZh());
        condition.getCode().setText(diagnosis.nameZh());
        condition.getSubject().setReference(patientReference);
        condition.getEncounter().setReference("Encounter/" + encounter.getIdPart());
        condition.setRecordedDateElement(dateTime(start));
        resources.add(condition);

        LocalDateTime taken = start.plusMinutes(10 + random.nextInt(30));
        // Now and then a result reaches the platform late (a timeliness finding).
        LocalDateTime issued = random.nextInt(50) == 0 ? taken.plusDays(8 + random.nextInt(20)) : taken.plusHours(1 + random.nextInt(6));
        DiagnosticReport labReport = new DiagnosticReport();
        labReport.setId(prefix + "-lab");
        List<Observation> results = new ArrayList<>();
        for (String key : diagnosis.typicalTests()) {
            LabCatalog.LocalLabCode local = LabCatalog.localCode(hospital, ClinicalCatalog.testIndex(key));
            Observation observation = labResult(hospital, local, prefix + "-" + key.toLowerCase(java.util.Locale.ROOT),
                    patientReference, encounter, taken, issued, random);
            results.add(observation);
        }
        resources.addAll(results);
        labReport.setStatus(DiagnosticReport.DiagnosticReportStatus.FINAL);
        labReport.addCategory().addCoding().setSystem(REPORT_SECTION).setCode("LAB").setDisplay("Laboratory");
        labReport.getCode().addCoding().setSystem(ClinicalCatalog.LOINC).setCode("11502-2").setDisplay("Laboratory report");
        labReport.getCode().setText("检验报告单");
        labReport.getSubject().setReference(patientReference);
        labReport.getEncounter().setReference("Encounter/" + encounter.getIdPart());
        labReport.setEffective(dateTime(taken));
        labReport.setIssuedElement(instant(issued));
        labReport.addPerformer().setReference(organizationReference);
        results.forEach(result -> labReport.addResult().setReference("Observation/" + result.getIdPart()));
        resources.add(labReport);

        if (random.nextInt(4) == 0) {
            ClinicalCatalog.ImagingExam exam = ClinicalCatalog.IMAGING.get(random.nextInt(ClinicalCatalog.IMAGING.size()));
            DiagnosticReport imaging = new DiagnosticReport();
            imaging.setId(prefix + "-img");
            imaging.setStatus(DiagnosticReport.DiagnosticReportStatus.FINAL);
            imaging.addCategory().addCoding().setSystem(REPORT_SECTION).setCode("RAD").setDisplay("Radiology");
            imaging.getCode().addCoding().setSystem(RhixNamingSystems.hospitalLabCodes(hospital.organizationCode())
                    .replace("/lab", "/exam")).setCode(exam.localCode()).setDisplay(exam.nameZh());
            imaging.getCode().addCoding().setSystem(ClinicalCatalog.LOINC).setCode("18748-4").setDisplay("Diagnostic imaging study");
            imaging.getCode().setText(exam.nameZh());
            imaging.getSubject().setReference(patientReference);
            imaging.getEncounter().setReference("Encounter/" + encounter.getIdPart());
            imaging.setEffective(dateTime(taken.plusMinutes(30)));
            imaging.setIssuedElement(instant(taken.plusHours(3)));
            imaging.addPerformer().setReference(organizationReference);
            imaging.setConclusion(exam.conclusions().get(random.nextInt(exam.conclusions().size())));
            resources.add(imaging);
        }
        return resources;
    }

    private static Observation labResult(Hospital hospital, LabCatalog.LocalLabCode local, String id, String patientReference,
                                         Encounter encounter, LocalDateTime taken, LocalDateTime issued,
                                         SplittableRandom random) {
        Observation observation = new Observation();
        observation.setId(id);
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.addCategory().addCoding().setSystem(OBSERVATION_CATEGORY).setCode("laboratory").setDisplay("Laboratory");
        observation.getCode().addCoding().setSystem(RhixNamingSystems.hospitalLabCodes(hospital.organizationCode()))
                .setCode(local.code()).setDisplay(local.display());
        observation.getCode().setText(local.display());
        observation.getSubject().setReference(patientReference);
        observation.getEncounter().setReference("Encounter/" + encounter.getIdPart());
        observation.setEffective(dateTime(taken));
        observation.setIssuedElement(instant(issued));
        observation.addPerformer().setReference("Organization/" + organizationId(hospital));
        LabCatalog.LabTest test = local.test();
        double reference = Math.max(test.mean() * 0.1, test.mean() + random.nextGaussian() * test.sd());
        BigDecimal value = BigDecimal.valueOf(reference * local.unit().factor()).setScale(local.unit().decimals(), RoundingMode.HALF_UP);
        observation.setValue(new Quantity().setValue(value).setUnit(local.unit().display()).setSystem(UCUM)
                .setCode(local.unit().ucum()));
        return observation;
    }

    /** The hospital's local lab codes mapped to LOINC, one ConceptMap per hospital. */
    static ConceptMap conceptMap(Hospital hospital) {
        ConceptMap map = new ConceptMap();
        map.setId(hospital.idPrefix() + "-lab-to-loinc");
        map.setUrl("http://rhix.org.cn/fhir/ConceptMap/" + hospital.idPrefix() + "-lab-to-loinc");
        map.setName("LabToLoinc" + hospital.organizationCode());
        map.setTitle(hospital.name() + "检验项目与LOINC对照");
        map.setStatus(Enumerations.PublicationStatus.ACTIVE);
        map.setSource(new org.hl7.fhir.r4.model.UriType(RhixNamingSystems.hospitalLabCodes(hospital.organizationCode())));
        map.setTarget(new org.hl7.fhir.r4.model.UriType("http://loinc.org"));
        var group = map.addGroup().setSource(RhixNamingSystems.hospitalLabCodes(hospital.organizationCode()))
                .setTarget(ClinicalCatalog.LOINC);
        for (LabCatalog.LocalLabCode local : LabCatalog.localCodes(hospital)) {
            group.addElement().setCode(local.code()).setDisplay(local.display()).addTarget()
                    .setCode(local.unit().loinc()).setDisplay(local.unit().loincDisplay())
                    .setEquivalence(Enumerations.ConceptMapEquivalence.EQUIVALENT);
        }
        return map;
    }

    private static DateTimeType dateTime(LocalDateTime local) {
        DateTimeType type = new DateTimeType(date(local));
        type.setTimeZone(java.util.TimeZone.getTimeZone(CHINA));
        type.setPrecision(ca.uhn.fhir.model.api.TemporalPrecisionEnum.SECOND);
        return type;
    }

    /** With an explicit zone: output must not depend on the generating machine's time zone. */
    private static org.hl7.fhir.r4.model.InstantType instant(LocalDateTime local) {
        var instant = new org.hl7.fhir.r4.model.InstantType(date(local));
        instant.setTimeZone(java.util.TimeZone.getTimeZone(CHINA));
        return instant;
    }

    private static Date date(LocalDateTime local) {
        return Date.from(local.toInstant(CHINA));
    }
}
