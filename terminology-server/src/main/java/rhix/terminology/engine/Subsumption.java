package rhix.terminology.engine;

import org.hl7.fhir.r5.context.SimpleWorkerContext;
import org.hl7.fhir.r5.model.CodeSystem;
import org.hl7.fhir.r5.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r5.model.CodeType;
import org.hl7.fhir.r5.model.Coding;
import org.hl7.fhir.r5.model.OperationOutcome.IssueType;
import org.hl7.fhir.r5.model.Parameters;
import org.hl7.fhir.r5.terminologies.CodeSystemUtilities;

/** {@code CodeSystem/$subsumes}: whether one concept is an ancestor of the other in the code system's hierarchy. */
final class Subsumption {

    private final SimpleWorkerContext worker;

    Subsumption(SimpleWorkerContext worker) {
        this.worker = worker;
    }

    Parameters subsumes(Parameters p) {
        Coding a = coding(p, "A");
        Coding b = coding(p, "B");
        if (a.hasSystem() && b.hasSystem() && !a.getSystem().equals(b.getSystem())) {
            throw TerminologyFailure.of(400, IssueType.INVALID, "$subsumes compares codes of one code system; got " + a.getSystem()
                    + " and " + b.getSystem());
        }
        String system = a.hasSystem() ? a.getSystem() : b.getSystem();
        String version = p.getParameterString("version");
        CodeSystem codeSystem = version != null ? worker.fetchCodeSystem(system, version, null) : worker.fetchCodeSystem(system);
        if (codeSystem == null) {
            throw CodeSystemLookup.notFound("UNKNOWN_CODESYSTEM", "A definition for CodeSystem '" + system + "' could not be found");
        }
        ConceptDefinitionComponent conceptA = find(codeSystem, a.getCode());
        ConceptDefinitionComponent conceptB = find(codeSystem, b.getCode());
        String outcome;
        if (conceptA == conceptB) {
            outcome = "equivalent";
        } else if (CodeSystemUtilities.findCode(conceptA.getConcept(), conceptB.getCode()) != null) {
            outcome = "subsumes";
        } else if (CodeSystemUtilities.findCode(conceptB.getConcept(), conceptA.getCode()) != null) {
            outcome = "subsumed-by";
        } else {
            outcome = "not-subsumed";
        }
        return new Parameters().addParameter("outcome", new CodeType(outcome));
    }

    private static ConceptDefinitionComponent find(CodeSystem codeSystem, String code) {
        ConceptDefinitionComponent concept = CodeSystemUtilities.findCode(codeSystem.getConcept(), code);
        if (concept == null) {
            throw CodeSystemLookup.notFound("UNKNOWN_CODE_IN_VERSION", "Unknown code '" + code + "' in the CodeSystem '" + codeSystem.getUrl() + "'");
        }
        return concept;
    }

    private static Coding coding(Parameters p, String which) {
        if (p.hasParameter("coding" + which)) {
            if (!(p.getParameterValue("coding" + which) instanceof Coding coding) || !coding.hasCode()) {
                throw TerminologyFailure.of(400, IssueType.INVALID, "The parameter 'coding" + which + "' must be a Coding with a code");
            }
            return coding;
        }
        String code = p.getParameterString("code" + which);
        String system = p.getParameterString("system");
        if (code == null || system == null) {
            throw TerminologyFailure.of(400, IssueType.INVALID, "$subsumes needs codeA, codeB and system (or codingA and codingB)");
        }
        return new Coding(system, code, null);
    }
}
