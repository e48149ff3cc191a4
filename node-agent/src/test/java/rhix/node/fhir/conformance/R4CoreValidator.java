package rhix.node.fhir.conformance;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.UnknownCodeSystemWarningValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * HAPI's FHIR validator against the R4 core profiles, built once per JVM (building it loads every core
 * StructureDefinition) and shared: {@link FhirValidator} is thread-safe.
 *
 * <p>Terminology: the core code systems and value sets are checked in memory (plus UCUM, BCP-47,
 * mime types, ISO countries and currencies by {@link CommonCodeSystemsTerminologyService}). Code
 * systems the validator cannot know without a terminology server — LOINC, ICD-10, SNOMED CT, the
 * hospitals' local lab codes — are reported as <em>warnings</em> (HAPI's
 * {@link UnknownCodeSystemWarningValidationSupport}), not errors: their codes cannot be checked here, but
 * a wrong code of a known system, a missing required element, a broken invariant, or a value outside a
 * required core value set stays an error.
 */
public final class R4CoreValidator {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final FhirValidator VALIDATOR = build();

    private R4CoreValidator() {
    }

    private static FhirValidator build() {
        UnknownCodeSystemWarningValidationSupport unknownCodeSystems = new UnknownCodeSystemWarningValidationSupport(FHIR);
        unknownCodeSystems.setNonExistentCodeSystemSeverity(IValidationSupport.IssueSeverity.WARNING);
        ValidationSupportChain support = new ValidationSupportChain(
                new DefaultProfileValidationSupport(FHIR),
                new CommonCodeSystemsTerminologyService(FHIR),
                new InMemoryTerminologyServerValidationSupport(FHIR),
                new SnapshotGeneratingValidationSupport(FHIR),
                unknownCodeSystems);
        FhirValidator validator = FHIR.newValidator();
        validator.registerValidatorModule(new FhirInstanceValidator(support));
        return validator;
    }

    public static FhirContext fhirContext() {
        return FHIR;
    }

    /** Every message the validator gives, with its severity and FHIRPath location. */
    public static List<SingleValidationMessage> validate(IBaseResource resource) {
        ValidationResult result = VALIDATOR.validateWithResult(resource);
        return result.getMessages();
    }

    /** The error and fatal messages only: what makes the resource non-conformant. */
    public static List<SingleValidationMessage> errors(IBaseResource resource) {
        return validate(resource).stream().filter(R4CoreValidator::isError).toList();
    }

    /** Validates JSON or XML text as received, so nothing a parser drops or repairs escapes the check. */
    public static List<SingleValidationMessage> validate(String resourceText) {
        return VALIDATOR.validateWithResult(resourceText).getMessages();
    }

    /** The error and fatal messages of {@link #validate(String)}. */
    public static List<SingleValidationMessage> errors(String resourceText) {
        return validate(resourceText).stream().filter(R4CoreValidator::isError).toList();
    }

    public static boolean isError(SingleValidationMessage message) {
        return message.getSeverity() == ResultSeverityEnum.ERROR || message.getSeverity() == ResultSeverityEnum.FATAL;
    }
}
