package rhix.terminology.engine;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r5.context.SimpleWorkerContext;
import org.hl7.fhir.r5.extensions.ExtensionDefinitions;
import org.hl7.fhir.r5.model.BooleanType;
import org.hl7.fhir.r5.model.CodeSystem;
import org.hl7.fhir.r5.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r5.model.CodeSystem.ConceptDefinitionDesignationComponent;
import org.hl7.fhir.r5.model.CodeType;
import org.hl7.fhir.r5.model.Coding;
import org.hl7.fhir.r5.model.OperationOutcome;
import org.hl7.fhir.r5.model.OperationOutcome.IssueType;
import org.hl7.fhir.r5.model.Parameters;
import org.hl7.fhir.r5.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r5.model.StringType;
import org.hl7.fhir.r5.model.UriType;
import org.hl7.fhir.r5.terminologies.CodeSystemUtilities;

/**
 * {@code CodeSystem/$lookup}: the concept's display (in the language asked for when a designation has it),
 * definition, designations and properties, including the hierarchy as {@code parent}/{@code child}. The
 * core library has no server-side lookup, so this reads the code system it resolved.
 */
final class CodeSystemLookup {

    private final SimpleWorkerContext worker;

    CodeSystemLookup(SimpleWorkerContext worker) {
        this.worker = worker;
    }

    Parameters lookup(Parameters p, String acceptLanguage) {
        String system;
        String code;
        String version = p.getParameterString("version");
        if (p.hasParameter("coding")) {
            if (!(p.getParameterValue("coding") instanceof Coding coding)) {
                throw TerminologyFailure.of(400, IssueType.INVALID, "The parameter 'coding' must be a Coding");
            }
            system = coding.getSystem();
            code = coding.getCode();
            version = coding.hasVersion() ? coding.getVersion() : version;
        } else {
            system = p.getParameterString("system");
            code = p.getParameterString("code");
        }
        if (system == null || code == null) {
            throw TerminologyFailure.of(400, IssueType.INVALID, "$lookup needs a system and a code (or a coding with both)");
        }
        CodeSystem codeSystem = version != null ? worker.fetchCodeSystem(system, version, null) : worker.fetchCodeSystem(system);
        if (codeSystem == null) {
            throw notFound("UNKNOWN_CODESYSTEM", "A definition for CodeSystem '" + system + (version != null ? "|" + version : "")
                    + "' could not be found, so the code cannot be validated");
        }
        List<CodeSystem> supplements = supplements(p, codeSystem);
        ConceptDefinitionComponent concept = CodeSystemUtilities.findCode(codeSystem.getConcept(), code);
        if (concept == null) {
            throw notFound("UNKNOWN_CODE_IN_VERSION", "Unknown code '" + code + "' in the CodeSystem '" + system + "'"
                    + (codeSystem.hasVersion() ? " version '" + codeSystem.getVersion() + "'" : ""));
        }
        String language = p.hasParameter("displayLanguage") ? p.getParameterString("displayLanguage") : acceptLanguage;

        Parameters result = new Parameters();
        result.addParameter("name", codeSystem.getName());
        if (codeSystem.hasVersion()) {
            result.addParameter("version", codeSystem.getVersion());
        }
        result.addParameter("system", new UriType(codeSystem.getUrl()));
        result.addParameter("code", new CodeType(concept.getCode()));
        result.addParameter("display", Displays.choose(codeSystem, concept, supplements, language));
        if (concept.hasDefinition()) {
            result.addParameter("definition", concept.getDefinition());
        }
        result.addParameter("abstract", CodeSystemUtilities.isNotSelectable(codeSystem, concept));
        if (concept.hasDisplay()) {
            designation(result, codeSystem.getLanguage(), new Coding("http://terminology.hl7.org/CodeSystem/hl7TermMaintInfra",
                    "preferredForLanguage", "Preferred For Language"), concept.getDisplay());
        }
        List<ConceptDefinitionDesignationComponent> designations = new ArrayList<>(concept.getDesignation());
        for (CodeSystem supplement : supplements) {
            ConceptDefinitionComponent extra = CodeSystemUtilities.findCode(supplement.getConcept(), code);
            if (extra != null) {
                designations.addAll(extra.getDesignation());
            }
        }
        for (ConceptDefinitionDesignationComponent designation : designations) {
            designation(result, designation.getLanguage(), designation.hasUse() ? designation.getUse() : null, designation.getValue());
        }
        for (ConceptDefinitionComponent parent : parentsOf(codeSystem.getConcept(), code)) {
            property(result, "parent", new CodeType(parent.getCode()), parent.getDisplay());
        }
        for (ConceptDefinitionComponent child : concept.getConcept()) {
            property(result, "child", new CodeType(child.getCode()), child.getDisplay());
        }
        property(result, "inactive", new BooleanType(CodeSystemUtilities.isInactive(codeSystem, concept)), null);
        for (CodeSystem.ConceptPropertyComponent property : concept.getProperty()) {
            if (!"inactive".equals(property.getCode()) && !"parent".equals(property.getCode()) && !"child".equals(property.getCode())) {
                property(result, property.getCode(), property.getValue(), null);
            }
        }
        return result;
    }

    private List<CodeSystem> supplements(Parameters p, CodeSystem codeSystem) {
        List<CodeSystem> supplements = new ArrayList<>();
        for (ParametersParameterComponent parameter : p.getParameter()) {
            if ("useSupplement".equals(parameter.getName())) {
                String url = parameter.getValue().primitiveValue();
                CodeSystem supplement = worker.fetchResource(CodeSystem.class, url);
                if (supplement == null) {
                    throw notFound("VALUESET_SUPPLEMENT_MISSING", "Required supplement not found: " + url);
                }
                supplements.add(supplement);
            }
        }
        return supplements;
    }

    private static List<ConceptDefinitionComponent> parentsOf(List<ConceptDefinitionComponent> concepts, String code) {
        List<ConceptDefinitionComponent> parents = new ArrayList<>();
        for (ConceptDefinitionComponent candidate : concepts) {
            if (candidate.getConcept().stream().anyMatch(child -> code.equals(child.getCode()))) {
                parents.add(candidate);
            }
            parents.addAll(parentsOf(candidate.getConcept(), code));
        }
        return parents;
    }

    private static void designation(Parameters result, String language, Coding use, String value) {
        ParametersParameterComponent designation = result.addParameter().setName("designation");
        if (language != null) {
            designation.addPart().setName("language").setValue(new CodeType(language));
        }
        if (use != null) {
            designation.addPart().setName("use").setValue(use);
        }
        designation.addPart().setName("value").setValue(new StringType(value));
    }

    private static void property(Parameters result, String code, org.hl7.fhir.r5.model.DataType value, String description) {
        ParametersParameterComponent property = result.addParameter().setName("property");
        property.addPart().setName("code").setValue(new CodeType(code));
        if (description != null) {
            property.addPart().setName("description").setValue(new StringType(description));
        }
        property.addPart().setName("value").setValue(value);
    }

    static TerminologyFailure notFound(String messageId, String message) {
        OperationOutcome outcome = new OperationOutcome();
        OperationOutcome.OperationOutcomeIssueComponent issue = outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(IssueType.NOTFOUND);
        issue.addExtension(ExtensionDefinitions.EXT_ISSUE_MSG_ID, new StringType(messageId));
        issue.getDetails().addCoding("http://hl7.org/fhir/tools/CodeSystem/tx-issue-type", "not-found", null);
        issue.getDetails().setText(message);
        return new TerminologyFailure(404, outcome);
    }
}
