package rhix.terminology.store;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.jena.graph.Node;
import org.apache.jena.system.Txn;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.ValueSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rhix.terminology.content.TerminologyResources;

/**
 * The store seen as FHIR R4 resources. A version is materialised from its graph in one read transaction
 * and cached until a commit touches it; the list of held versions is re-read after every commit. Callers
 * get copies, so they may change what they are given.
 */
public final class TdbTerminologyResources implements TerminologyResources {

    private static final Logger LOG = LoggerFactory.getLogger(TdbTerminologyResources.class);

    private final TerminologyStore store;
    private final Map<ResourceKey, MetadataResource> materialised = new ConcurrentHashMap<>();
    /** Bumped by every commit: a materialisation that raced a commit is not cached. */
    private final AtomicLong generation = new AtomicLong();
    private volatile List<HeldResource> held;

    public TdbTerminologyResources(TerminologyStore store) {
        this.store = store;
        store.onCommit(changed -> {
            generation.incrementAndGet();
            changed.forEach(materialised::remove);
            held = store.held();
        });
        this.held = store.held();
    }

    @Override
    public Optional<CodeSystem> codeSystem(String url, String version) {
        return resolve("CodeSystem", url, version).map(key -> (CodeSystem) materialise(key, graph -> CodeSystemRdf.read(graph, key.graph())));
    }

    @Override
    public Optional<ValueSet> valueSet(String url, String version) {
        return resolve("ValueSet", url, version).map(key -> (ValueSet) materialise(key, graph -> ValueSetRdf.read(graph, key.graph())));
    }

    @Override
    public Optional<ConceptMap> conceptMap(String url, String version) {
        return resolve("ConceptMap", url, version).map(key -> (ConceptMap) materialise(key, graph -> ConceptMapRdf.read(graph, key.graph())));
    }

    /** One held version as its R4 resource, whatever its type; empty when the version is not held. */
    public Optional<MetadataResource> resource(ResourceKey key) {
        return Optional.ofNullable(switch (key.resourceType()) {
            case "CodeSystem" -> materialise(key, graph -> CodeSystemRdf.read(graph, key.graph()));
            case "ValueSet" -> materialise(key, graph -> ValueSetRdf.read(graph, key.graph()));
            case "ConceptMap" -> materialise(key, graph -> ConceptMapRdf.read(graph, key.graph()));
            default -> null;
        });
    }

    /** Every version held, with when it was loaded. */
    public List<HeldResource> held() {
        return held;
    }

    /** The newest version of every concept map whose source or target (or a group's) is the given URL. */
    @Override
    public List<ConceptMap> conceptMapsFor(String sourceOrTargetUrl) {
        return held.stream().map(HeldResource::key).filter(key -> key.resourceType().equals("ConceptMap"))
                .map(ResourceKey::url).distinct()
                .flatMap(url -> conceptMap(url, null).stream())
                .filter(map -> mentions(map, sourceOrTargetUrl))
                .toList();
    }

    private static boolean mentions(ConceptMap map, String url) {
        if (url.equals(map.hasSource() ? map.getSource().primitiveValue() : null)
                || url.equals(map.hasTarget() ? map.getTarget().primitiveValue() : null)) {
            return true;
        }
        return map.getGroup().stream().anyMatch(group -> url.equals(group.getSource()) || url.equals(group.getTarget()));
    }

    @Override
    public List<HeldVersion> versions() {
        return held.stream().map(h -> new HeldVersion(h.key().resourceType(), h.key().url(), h.key().version()))
                .sorted(Comparator.comparing(HeldVersion::resourceType).thenComparing(HeldVersion::url)
                        .thenComparing(HeldVersion::version, Comparator.nullsFirst(VersionOrder.INSTANCE)))
                .toList();
    }

    /** The key of the version asked for; with no version, the newest held (see {@link VersionOrder}). */
    Optional<ResourceKey> resolve(String type, String url, String version) {
        if (url == null) {
            return Optional.empty();
        }
        return held.stream().map(HeldResource::key)
                .filter(key -> key.resourceType().equals(type) && key.url().equals(url))
                .filter(key -> version == null || version.equals(key.version()))
                .max(Comparator.comparing(ResourceKey::version, Comparator.nullsFirst(VersionOrder.INSTANCE)));
    }

    private MetadataResource materialise(ResourceKey key, Function<GraphSubjects, MetadataResource> reader) {
        MetadataResource cached = materialised.get(key);
        if (cached == null) {
            long before = generation.get();
            long started = System.nanoTime();
            Node graph = key.graph();
            cached = Txn.calculateRead(store.dataset(), () -> {
                GraphSubjects subjects = GraphSubjects.read(store.dataset(), graph);
                return subjects.isEmpty() ? null : reader.apply(subjects);
            });
            if (cached == null) {
                return null;
            }
            LOG.debug("materialised {} in {} ms", key, (System.nanoTime() - started) / 1_000_000);
            if (generation.get() == before) {
                materialised.put(key, cached);
            }
        }
        return cached.copy();
    }
}
