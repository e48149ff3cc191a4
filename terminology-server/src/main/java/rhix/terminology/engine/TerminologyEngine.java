package rhix.terminology.engine;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.convertors.factory.VersionConvertorFactory_40_50;
import org.hl7.fhir.r5.context.SimpleWorkerContext;
import org.hl7.fhir.r5.model.CanonicalResource;
import org.hl7.fhir.r5.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rhix.terminology.content.TerminologyResources;
import rhix.terminology.engine.index.IndexedTerminology;

/**
 * The HL7 core library's terminology engine (the one the HL7 validator and the tx-ecosystem suite's own
 * reference runs use), fed from {@link TerminologyResources} instead of packages or a remote server.
 * Each request works on its own copy of the worker context so that resources supplied with a request
 * ({@code tx-resource}) never leak into another; copies made for a {@code cache-id} are kept and reused.
 */
public final class TerminologyEngine {

    private static final Logger LOG = LoggerFactory.getLogger(TerminologyEngine.class);
    private static final int CACHED_CONTEXTS = 64;

    private final TerminologyResources resources;
    private final int maximumExpansionSize;
    private volatile SimpleWorkerContext base;
    /** The fast path over {@link #base}; replaced with it on every reload. */
    private volatile IndexedTerminology indexed;
    private final Map<String, SimpleWorkerContext> byCacheId = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SimpleWorkerContext> eldest) {
            return size() > CACHED_CONTEXTS;
        }
    };

    /** @param maximumExpansionSize the most concepts an expansion may hold before it is refused as too costly */
    public TerminologyEngine(TerminologyResources resources, int maximumExpansionSize) {
        this.resources = resources;
        this.maximumExpansionSize = maximumExpansionSize;
        reload();
    }

    /** Rebuilds the shared context from the held resources (after a new version was loaded). */
    public synchronized void reload() {
        try {
            SimpleWorkerContext context = new LimitedWorkerContext(
                    new SimpleWorkerContext.SimpleWorkerContextBuilder().withAllowLoadingDuplicates(true).fromNothing(), maximumExpansionSize);
            // No remote terminology server: this server is the terminology server.
            context.setNoTerminologyServer(true);
            // Versions of one canonical URL are held side by side (the suite's version tests need it, and so does the region).
            context.setAllowLoadingDuplicates(true);
            context.setExpansionParameters(new org.hl7.fhir.r5.model.Parameters());
            int loaded = 0;
            for (TerminologyResources.HeldVersion held : resources.versions()) {
                org.hl7.fhir.r4.model.Resource r4 = switch (held.resourceType()) {
                    case "CodeSystem" -> resources.codeSystem(held.url(), held.version()).orElse(null);
                    case "ValueSet" -> resources.valueSet(held.url(), held.version()).orElse(null);
                    case "ConceptMap" -> resources.conceptMap(held.url(), held.version()).orElse(null);
                    default -> null;
                };
                if (r4 != null) {
                    context.cacheResource(VersionConvertorFactory_40_50.convertResource(r4));
                    loaded++;
                }
            }
            base = context;
            indexed = new IndexedTerminology(context, maximumExpansionSize);
            synchronized (byCacheId) {
                byCacheId.clear();
            }
            LOG.info("terminology engine holds {} resources", loaded);
        } catch (IOException e) {
            throw new IllegalStateException("the terminology engine could not start: " + e.getMessage(), e);
        }
    }

    /**
     * A context for one request: the held resources plus those the request supplies. With a cache id the
     * context is kept, so a client that sends its resources once and then only the cache id sees them again.
     */
    public TerminologyContext contextFor(List<Resource> supplied, String cacheId) {
        try {
            SimpleWorkerContext context;
            if (cacheId != null) {
                synchronized (byCacheId) {
                    context = byCacheId.get(cacheId);
                    if (context == null) {
                        context = new LimitedWorkerContext(base, maximumExpansionSize);
                        byCacheId.put(cacheId, context);
                    }
                }
            } else if (supplied.isEmpty()) {
                context = base;
            } else {
                context = new LimitedWorkerContext(base, maximumExpansionSize);
            }
            for (Resource resource : supplied) {
                if (resource instanceof CanonicalResource) {
                    context.cacheResource(resource);
                }
            }
            List<org.hl7.fhir.r5.model.ConceptMap> requestMaps = supplied.stream()
                    .filter(org.hl7.fhir.r5.model.ConceptMap.class::isInstance).map(org.hl7.fhir.r5.model.ConceptMap.class::cast).toList();
            // Only a request that sees exactly the held content may take the fast path.
            IndexedTerminology current = indexed;
            IndexedTerminology fastPath = supplied.isEmpty() && current.indexes(context) ? current : null;
            return new TerminologyContext(context, resources, maximumExpansionSize, requestMaps, fastPath);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
