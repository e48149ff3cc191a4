package rhix.terminology.engine;

import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r5.context.SimpleWorkerContext;
import org.hl7.fhir.r5.model.ConceptMap;
import org.hl7.fhir.r5.model.Parameters;
import rhix.terminology.content.TerminologyResources;
import rhix.terminology.engine.index.IndexedTerminology;

/**
 * One request's view of the terminology: the held resources plus those supplied with the request, in the
 * core library's worker context. The operations run one at a time on a context, because the core library
 * keeps per-operation settings (expansion parameters) on it.
 *
 * @param maximumExpansionSize the largest expansion an operation may build
 * @param requestMaps the ConceptMaps supplied with this request, all of them: the worker context keeps only
 *                    the last of several with the same url and version
 * @param indexed the fast path over the held content, or null when the request brings its own resources
 */
public record TerminologyContext(SimpleWorkerContext worker, TerminologyResources resources, int maximumExpansionSize,
                                 List<ConceptMap> requestMaps, IndexedTerminology indexed) {

    public TerminologyContext {
        requestMaps = List.copyOf(requestMaps);
    }

    public Parameters validateCode(Parameters request, boolean onCodeSystem, String acceptLanguage) {
        if (indexed != null) {
            Optional<Parameters> answered = onCodeSystem ? indexed.validateCodeInCodeSystem(request, acceptLanguage)
                    : indexed.validateCode(request, acceptLanguage);
            if (answered.isPresent()) {
                return answered.get();
            }
        }
        synchronized (worker) {
            return new CodeValidation(worker).validate(request, onCodeSystem, acceptLanguage);
        }
    }

    public org.hl7.fhir.r5.model.ValueSet expand(Parameters request, String acceptLanguage) {
        return expand(request, acceptLanguage, maximumExpansionSize);
    }

    /** @param limit the most concepts this expansion may hold: the server's limit, or a client's lower one */
    public org.hl7.fhir.r5.model.ValueSet expand(Parameters request, String acceptLanguage, int limit) {
        if (indexed != null && limit >= maximumExpansionSize) {
            Optional<org.hl7.fhir.r5.model.ValueSet> answered = indexed.expand(request, acceptLanguage);
            if (answered.isPresent()) {
                return answered.get();
            }
        }
        synchronized (worker) {
            return new ValueSetExpansion(worker, Math.min(limit, maximumExpansionSize)).expand(request, acceptLanguage);
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
            return new ConceptTranslation(worker, requestMaps).translate(request);
        }
    }
}
