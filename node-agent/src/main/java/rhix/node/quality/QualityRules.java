package rhix.node.quality;

import static rhix.node.quality.QualityDimension.COMPLETENESS;
import static rhix.node.quality.QualityDimension.CONSISTENCY;
import static rhix.node.quality.QualityDimension.TIMELINESS;
import static rhix.node.quality.QualityDimension.VALIDITY;
import static rhix.node.quality.QualityRule.Violation.when;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import rhix.fhir.RhixNamingSystems;
import rhix.identity.Gender;
import rhix.identity.InvalidResidentIdException;
import rhix.identity.ResidentId;
import rhix.node.terminology.CodeChecks;
import rhix.terminology.client.Answer;

/**
 * The node's rule set. Ids are stable (findings refer to them); README.md documents each.
 * A resident ID that fails its checksum never gets here: ingestion rejects it outright.
 */
public final class QualityRules {

    private static final String UCUM = "http://unitsofmeasure.org";
    private static final String ICD_10 = "http://hl7.org/fhir/sid/icd-10";
    /** Each hospital's own code systems: {@code http://rhix.org.cn/fhir/CodeSystem/hospital/<organization>/<kind>}. */
    private static final String HOSPITAL_CODE_SYSTEMS = "http://rhix.org.cn/fhir/CodeSystem/hospital/";

    public static List<QualityRule> all() {
        return List.of(
                new QualityRule("C01", COMPLETENESS, FindingSeverity.WARNING, "Patient",
                        "a patient has a phone number", (resource, context) -> {
                            Patient patient = (Patient) resource;
                            return when(patient.getTelecom().stream().noneMatch(t -> t.getSystem() == ContactPoint.ContactPointSystem.PHONE),
                                    "Patient.telecom", "no phone number");
                        }),
                new QualityRule("C02", COMPLETENESS, FindingSeverity.WARNING, "Patient",
                        "a patient's address carries a GB/T 2260 division code", (resource, context) -> {
                            Patient patient = (Patient) resource;
                            return when(patient.getAddress().stream().noneMatch(QualityRules::hasDivisionCode),
                                    "Patient.address", "no address with a GB/T 2260 division code");
                        }),
                new QualityRule("C03", COMPLETENESS, FindingSeverity.WARNING, "Patient",
                        "a patient has a resident ID number (needed for cross-node identity)", (resource, context) ->
                        when(residentId((Patient) resource).isEmpty(), "Patient.identifier", "no resident ID number")),
                new QualityRule("C04", COMPLETENESS, FindingSeverity.ERROR, "Observation",
                        "a final result has a value or a data-absent reason", (resource, context) -> {
                            Observation observation = (Observation) resource;
                            boolean finalStatus = observation.getStatus() == Observation.ObservationStatus.FINAL
                                    || observation.getStatus() == Observation.ObservationStatus.AMENDED;
                            return when(finalStatus && !observation.hasValue() && !observation.hasDataAbsentReason()
                                            && !observation.hasComponent(),
                                    "Observation.value", "final result without a value or dataAbsentReason");
                        }),
                new QualityRule("C05", COMPLETENESS, FindingSeverity.WARNING, "Observation",
                        "a result says when it was taken", (resource, context) ->
                        when(!((Observation) resource).hasEffective(), "Observation.effective", "no effective time")),
                new QualityRule("V01", VALIDITY, FindingSeverity.WARNING, "Observation",
                        "a quantity result carries a UCUM unit code", (resource, context) -> {
                            Observation observation = (Observation) resource;
                            if (!observation.hasValueQuantity()) {
                                return List.of();
                            }
                            Quantity quantity = observation.getValueQuantity();
                            return when(!UCUM.equals(quantity.getSystem()) || !quantity.hasCode(), "Observation.valueQuantity",
                                    "unit '" + quantity.getUnit() + "' has no UCUM code");
                        }),
                new QualityRule("V02", VALIDITY, FindingSeverity.INFO, "Patient",
                        "a resident ID number is in the current 18-character form", (resource, context) ->
                        when(residentId((Patient) resource).map(ResidentId::legacyForm).orElse(false),
                                "Patient.identifier", "resident ID number in the legacy 15-digit form")),
                new QualityRule("V03", VALIDITY, FindingSeverity.ERROR, "Observation",
                        "a result is not dated in the future", (resource, context) -> {
                            Observation observation = (Observation) resource;
                            return when(observation.hasEffectiveDateTimeType()
                                            && observation.getEffectiveDateTimeType().getValue().toInstant().isAfter(context.now()),
                                    "Observation.effective", "effective time is in the future");
                        }),
                new QualityRule("V04", VALIDITY, FindingSeverity.WARNING, "Observation",
                        "a hospital's local result code maps to LOINC in the region's concept maps", (resource, context) -> {
                            Observation observation = (Observation) resource;
                            if (observation.getCode().getCoding().stream().anyMatch(c -> CodeChecks.LOINC.equals(c.getSystem()))) {
                                return List.of();
                            }
                            List<QualityRule.Violation> violations = new ArrayList<>();
                            for (Coding local : observation.getCode().getCoding()) {
                                if (local.getSystem() == null || !local.getSystem().startsWith(HOSPITAL_CODE_SYSTEMS) || !local.hasCode()) {
                                    continue;
                                }
                                context.codes().toLoinc(local.getSystem(), local.getCode())
                                        .filter(answer -> answer.value().targets().isEmpty())
                                        .ifPresent(answer -> violations.add(new QualityRule.Violation("Observation.code",
                                                "local code " + local.getCode() + (local.hasDisplay() ? " (" + local.getDisplay() + ")" : "")
                                                        + " of " + local.getSystem() + " has no mapping to LOINC" + provenance(answer),
                                                local.getSystem() + "|" + local.getCode())));
                            }
                            return violations;
                        }),
                new QualityRule("V05", VALIDITY, FindingSeverity.ERROR, "Condition",
                        "a diagnosis coded in ICD-10 uses a code of ICD-10", (resource, context) -> {
                            Condition condition = (Condition) resource;
                            List<QualityRule.Violation> violations = new ArrayList<>();
                            for (Coding coding : condition.getCode().getCoding()) {
                                if (!ICD_10.equals(coding.getSystem()) || !coding.hasCode()) {
                                    continue;
                                }
                                context.codes().validate(coding.getSystem(), coding.getCode())
                                        .filter(answer -> !answer.value().valid())
                                        .ifPresent(answer -> violations.add(new QualityRule.Violation("Condition.code",
                                                coding.getCode() + " is not an ICD-10 code the region knows: "
                                                        + answer.value().message() + provenance(answer))));
                            }
                            return violations;
                        }),
                new QualityRule("S01", CONSISTENCY, FindingSeverity.ERROR, "Patient",
                        "birth date agrees with the resident ID number", (resource, context) -> {
                            Patient patient = (Patient) resource;
                            Optional<ResidentId> id = residentId(patient);
                            if (id.isEmpty() || !patient.hasBirthDate()) {
                                return List.of();
                            }
                            var recorded = patient.getBirthDateElement().getValueAsString();
                            return when(!id.get().birthDate().toString().equals(recorded), "Patient.birthDate",
                                    "birth date " + recorded + " differs from the one the resident ID number encodes");
                        }),
                new QualityRule("S02", CONSISTENCY, FindingSeverity.ERROR, "Patient",
                        "gender agrees with the resident ID number", (resource, context) -> {
                            Patient patient = (Patient) resource;
                            Optional<ResidentId> id = residentId(patient);
                            if (id.isEmpty() || !patient.hasGender()) {
                                return List.of();
                            }
                            Gender recorded = Gender.fromFhir(patient.getGender().toCode());
                            boolean comparable = recorded == Gender.MALE || recorded == Gender.FEMALE;
                            return when(comparable && recorded != id.get().sex(), "Patient.gender",
                                    "gender " + patient.getGender().toCode() + " differs from the sex the resident ID number encodes");
                        }),
                new QualityRule("S03", CONSISTENCY, FindingSeverity.ERROR, "Observation",
                        "a result is not dated before its patient's birth", (resource, context) -> {
                            Observation observation = (Observation) resource;
                            if (!observation.hasEffectiveDateTimeType()) {
                                return List.of();
                            }
                            return context.patient(observation.getSubject().getReference())
                                    .filter(Patient::hasBirthDate)
                                    .filter(patient -> observation.getEffectiveDateTimeType().getValue().toInstant()
                                            .isBefore(patient.getBirthDate().toInstant()))
                                    .map(patient -> List.of(new QualityRule.Violation("Observation.effective",
                                            "effective time is before the patient's birth date")))
                                    .orElse(List.of());
                        }),
                new QualityRule("S04", CONSISTENCY, FindingSeverity.ERROR, "Encounter",
                        "an encounter does not end before it starts", (resource, context) -> {
                            Encounter encounter = (Encounter) resource;
                            var period = encounter.getPeriod();
                            return when(period.hasStart() && period.hasEnd() && period.getEnd().before(period.getStart()),
                                    "Encounter.period", "period ends before it starts");
                        }),
                new QualityRule("T01", TIMELINESS, FindingSeverity.WARNING, "Observation",
                        "a result reaches the platform within the reporting deadline of being taken", (resource, context) -> {
                            Observation observation = (Observation) resource;
                            if (!observation.hasEffectiveDateTimeType()) {
                                return List.of();
                            }
                            Instant taken = observation.getEffectiveDateTimeType().getValue().toInstant();
                            Instant reported = observation.hasIssued() ? observation.getIssued().toInstant() : context.now();
                            return when(reported.isAfter(taken.plus(context.reportingDeadline())), "Observation.issued",
                                    "reported " + java.time.Duration.between(taken, reported).toDays() + " days after it was taken (deadline "
                                            + context.reportingDeadline().toDays() + " days)");
                        }));
    }

    /** A finding made on a cached answer while the server was down says so: the mapping may have changed since. */
    private static String provenance(Answer<?> answer) {
        return answer.source() == Answer.Source.STALE_CACHE ? " (terminology server unavailable: answer from cache)" : "";
    }

    private static boolean hasDivisionCode(Address address) {
        return address.getExtensionsByUrl(RhixNamingSystems.ADMIN_DIVISION).stream()
                .anyMatch(extension -> extension.getValue() != null
                        && rhix.identity.AdminDivisionCode.isWellFormed(extension.getValue().primitiveValue()));
    }

    /** The patient's resident ID, when present and valid (invalid ones never pass ingestion). */
    static Optional<ResidentId> residentId(Patient patient) {
        for (Identifier identifier : patient.getIdentifier()) {
            if (RhixNamingSystems.RESIDENT_ID.equals(identifier.getSystem())) {
                try {
                    return Optional.of(ResidentId.parse(identifier.getValue()));
                } catch (InvalidResidentIdException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private QualityRules() {
    }
}
