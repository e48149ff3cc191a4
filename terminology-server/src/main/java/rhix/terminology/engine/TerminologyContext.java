package rhix.terminology.engine;

import org.hl7.fhir.r5.context.SimpleWorkerContext;
import org.hl7.fhir.r5.model.Parameters;
import rhix.terminology.content.TerminologyResources;

/**
 * One request's view of the terminology: the held resources plus those supplied with the request, in the
 * core library's worker context. The operations run one at a time on a context, because the core library
 * keeps per-operation settings (expansion parameters) on it.
 *
 * @param maximumExpansionSize the largest expansion an operation may build
 */
public record TerminologyContext(SimpleWorkerContext worker, TerminologyResources resources, int maximumExpansionSize) {

    public Parameters validateCode(Parameters request, boolean onCodeSystem, String acceptLanguage) {
        synchronized (worker) {
            return new CodeValidation(worker).validate(request, onCodeSystem, acceptLanguage);
        }
    }

    public org.hl7.fhir.r5.model.ValueSet expand(Parameters request, String acceptLanguage) {
        synchronized (worker) {
            return new ValueSetExpansion(worker, maximumExpansionSize).expand(request, acceptLanguage);
        }
    }

    public Parameters lookup(Parameters request, String acceptLanguage) {
        synchronized (worker) {
            return new CodeSystemLookup(worker).lookup(request, acceptLanguage);
        }
    }

    public Parameters subsumes(Parameters request) {
        synchronized (worker) {
            return new Subsumption(worker).subsumes(request);
        }
    }

    public Parameters translate(Parameters request) {
        synchronized (worker) {
            return new ConceptTranslation(worker).translate(request);
        }
    }
}
