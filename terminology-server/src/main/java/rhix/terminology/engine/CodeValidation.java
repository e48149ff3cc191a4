package rhix.terminology.engine;

import org.hl7.fhir.r5.context.SimpleWorkerContext;
import org.hl7.fhir.r5.extensions.ExtensionDefinitions;
import org.hl7.fhir.r5.model.CanonicalType;
import org.hl7.fhir.r5.model.CodeType;
import org.hl7.fhir.r5.model.CodeableConcept;
import org.hl7.fhir.r5.model.Coding;
import org.hl7.fhir.r5.model.OperationOutcome;
import org.hl7.fhir.r5.model.Parameters;
import org.hl7.fhir.r5.model.StringType;
import org.hl7.fhir.r5.model.UriType;
import org.hl7.fhir.r5.model.ValueSet;
import org.hl7.fhir.r5.terminologies.utilities.TerminologyServiceErrorClass;
import org.hl7.fhir.r5.terminologies.utilities.ValidationResult;
import org.hl7.fhir.utilities.FhirPublication;
import org.hl7.fhir.utilities.i18n.I18nConstants;
import org.hl7.fhir.utilities.validation.ValidationMessage;
import org.hl7.fhir.utilities.validation.ValidationOptions;

/**
 * {@code $validate-code} on a code system or a value set, the way the core library's own test helper
 * (TxServiceTestHelper) drives its engine: the request becomes ValidationOptions, the engine's
 * ValidationResult becomes the operation's Parameters.
 */
final class CodeValidation {

    private final SimpleWorkerContext worker;

    CodeValidation(SimpleWorkerContext worker) {
        this.worker = worker;
    }

    Parameters validate(Parameters p, boolean onCodeSystem, String acceptLanguage) {
        ValueSet valueSet = null;
        if (!onCodeSystem) {
            valueSet = valueSetOf(p);
            RegexFilterGuard.check(valueSet, worker);
        }
        ValidationOptions options = new ValidationOptions(FhirPublication.R5);
        if (p.hasParameter("displayLanguage")) {
            options = options.withLanguage(p.getParameterString("displayLanguage"));
        } else if (acceptLanguage != null) {
            options = options.withLanguage(acceptLanguage);
        }
        if ("true".equals(p.getParameterString("valueset-membership-only"))) {
            options = options.withCheckValueSetOnly();
        }
        if ("true".equals(p.getParameterString("lenient-display-validation"))) {
            options = options.setDisplayWarningMode(true);
        }
        if ("true".equals(p.getParameterString("activeOnly"))) {
            options = options.setActiveOnly(true);
        }
        ExpansionParameters.apply(worker, p);

        String code = null;
        String system = null;
        String display = null;
        CodeableConcept codeableConcept = null;
        ValidationResult result;
        if (p.hasParameter("code")) {
            code = p.getParameterString("code");
            system = p.getParameterString(onCodeSystem ? "url" : "system");
            if (system == null && onCodeSystem) {
                system = p.getParameterString("system");
            }
            display = p.getParameterString("display");
            String version = p.getParameterString(onCodeSystem ? "version" : "systemVersion");
            result = worker.validateCode(options.withGuessSystem(), system, version, code, display, valueSet);
        } else if (p.hasParameter("coding")) {
            if (!(p.getParameterValue("coding") instanceof Coding coding)) {
                throw TerminologyFailure.of(400, OperationOutcome.IssueType.INVALID, "The parameter 'coding' must be a Coding");
            }
            code = coding.getCode();
            system = coding.getSystem();
            display = coding.getDisplay();
            result = worker.validateCode(options, coding, valueSet);
        } else if (p.hasParameter("codeableConcept")) {
            if (!(p.getParameterValue("codeableConcept") instanceof CodeableConcept concept)) {
                throw TerminologyFailure.of(400, OperationOutcome.IssueType.INVALID, "The parameter 'codeableConcept' must be a CodeableConcept");
            }
            codeableConcept = concept;
            result = worker.validateCode(options, codeableConcept, valueSet);
        } else {
            throw TerminologyFailure.of(400, OperationOutcome.IssueType.INVALID,
                    "$validate-code needs a code (with a system), a coding or a codeableConcept");
        }
        if (result.getSeverity() == ValidationMessage.IssueSeverity.FATAL) {
            OperationOutcome outcome = new OperationOutcome();
            outcome.getIssue().addAll(result.getIssues());
            throw new TerminologyFailure(400, outcome);
        }
        return toParameters(result, code, system, display, codeableConcept);
    }

    private ValueSet valueSetOf(Parameters p) {
        if (p.getParameter("valueSet") != null && p.getParameter("valueSet").getResource() instanceof ValueSet inline) {
            return inline;
        }
        if (!p.hasParameter("url")) {
            throw TerminologyFailure.of(400, OperationOutcome.IssueType.INVALID, "ValueSet/$validate-code needs a url or a valueSet");
        }
        String url = p.getParameterValue("url").primitiveValue();
        String version = p.hasParameter("valueSetVersion") ? p.getParameterValue("valueSetVersion").primitiveValue() : null;
        ValueSet valueSet = version != null ? worker.fetchResource(ValueSet.class, url, version, null) : worker.fetchResource(ValueSet.class, url);
        if (valueSet == null) {
            String reference = version != null ? url + "|" + version : url;
            OperationOutcome outcome = new OperationOutcome();
            OperationOutcome.OperationOutcomeIssueComponent issue = outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR)
                    .setCode(OperationOutcome.IssueType.NOTFOUND);
            issue.addExtension(ExtensionDefinitions.EXT_ISSUE_MSG_ID, new StringType(I18nConstants.UNABLE_TO_RESOLVE_VALUE_SET_));
            issue.getDetails().addCoding("http://hl7.org/fhir/tools/CodeSystem/tx-issue-type", "not-found", null);
            issue.getDetails().setText(worker.formatMessage(I18nConstants.UNABLE_TO_RESOLVE_VALUE_SET_, reference));
            throw new TerminologyFailure(404, outcome);
        }
        return valueSet;
    }

    private static Parameters toParameters(ValidationResult result, String code, String system, String display, CodeableConcept codeableConcept) {
        Parameters parameters = new Parameters();
        if (result.getSystem() != null) {
            parameters.addParameter("system", new UriType(result.getSystem()));
        } else if (system != null) {
            parameters.addParameter("system", new UriType(system));
        }
        if (result.getCode() != null) {
            if (code != null && !code.equals(result.getCode())) {
                parameters.addParameter("code", new CodeType(code));
                parameters.addParameter("normalized-code", new CodeType(result.getCode()));
            } else {
                parameters.addParameter("code", new CodeType(result.getCode()));
            }
        } else if (code != null) {
            parameters.addParameter("code", new CodeType(code));
        }
        parameters.addParameter("result", result.getSeverity() != ValidationMessage.IssueSeverity.ERROR);
        if (result.getMessage() != null) {
            parameters.addParameter("message", result.getMessage());
        }
        if (result.getVersion() != null) {
            parameters.addParameter("version", result.getVersion());
        }
        if (result.getDisplay() != null) {
            parameters.addParameter("display", result.getDisplay());
        } else if (display != null) {
            parameters.addParameter("display", new StringType(display));
        }
        if (codeableConcept != null) {
            parameters.addParameter("codeableConcept", codeableConcept);
        }
        if (result.isInactive()) {
            parameters.addParameter("inactive", true);
        }
        if (result.getStatus() != null) {
            parameters.addParameter("status", new org.hl7.fhir.r5.model.CodeType(result.getStatus()));
        }
        if (result.getUnknownSystems() != null) {
            for (String unknown : result.getUnknownSystems()) {
                parameters.addParameter(result.getErrorClass() == TerminologyServiceErrorClass.CODESYSTEM_UNSUPPORTED
                        ? "x-caused-by-unknown-system" : "x-unknown-system", new CanonicalType(unknown));
            }
        }
        if (!result.getIssues().isEmpty()) {
            OperationOutcome outcome = new OperationOutcome();
            outcome.getIssue().addAll(result.getIssues());
            parameters.addParameter().setName("issues").setResource(outcome);
        }
        return parameters;
    }
}
