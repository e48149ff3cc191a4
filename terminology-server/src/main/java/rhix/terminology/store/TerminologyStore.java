package rhix.terminology.store;

import static rhix.terminology.store.TerminologyVocabulary.LOADED_AT;
import static rhix.terminology.store.TerminologyVocabulary.RHIX;
import static rhix.terminology.store.TerminologyVocabulary.URL;
import static rhix.terminology.store.TerminologyVocabulary.VERSION;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.jena.atlas.iterator.Iter;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.system.progress.MonitorOutputs;
import org.apache.jena.tdb2.loader.DataLoader;
import org.apache.jena.tdb2.loader.LoaderFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.ValueSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TDB2 dataset holding every terminology resource version in its own named graph. A version is
 * written (or replaced, or deleted) in one write transaction, so a reader in {@link Txn#executeRead}
 * sees either none of it or all of it; TDB2 lets readers run while a writer works.
 */
public final class TerminologyStore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TerminologyStore.class);

    private final DatasetGraph dataset;
    private final String location;
    private final List<Consumer<Set<ResourceKey>>> commitListeners = new CopyOnWriteArrayList<>();

    private TerminologyStore(DatasetGraph dataset, String location) {
        this.dataset = dataset;
        this.location = location;
    }

    /** Opens (creating if needed) the TDB2 database at {@code path}; null opens an in-memory TDB2 dataset (tests). */
    public static TerminologyStore open(Path path) {
        if (path == null) {
            return new TerminologyStore(DatabaseMgr.createDatasetGraph(), "memory");
        }
        try {
            Files.createDirectories(path);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create the terminology store directory " + path, e);
        }
        DatasetGraph dataset = DatabaseMgr.connectDatasetGraph(path.toString());
        LOG.info("terminology store opened at {}", path.toAbsolutePath());
        return new TerminologyStore(dataset, path.toAbsolutePath().toString());
    }

    /** The dataset itself: for the SPARQL endpoint and for readers that run their own transactions. */
    public DatasetGraph dataset() {
        return dataset;
    }

    public String location() {
        return location;
    }

    /** Called after every commit with the versions it wrote or deleted (caches invalidate themselves here). */
    public void onCommit(Consumer<Set<ResourceKey>> listener) {
        commitListeners.add(listener);
    }

    public static ResourceKey keyOf(MetadataResource resource) {
        if (!resource.hasUrl()) {
            throw new IllegalArgumentException(resource.fhirType() + " " + resource.getIdElement().getIdPart() + " has no canonical url");
        }
        return new ResourceKey(resource.fhirType(), resource.getUrl(), resource.hasVersion() ? resource.getVersion() : null);
    }

    /** Writes the resource as its version's graph, replacing that version if held, in one write transaction. */
    public WriteReport put(MetadataResource resource, ProgressListener progress) {
        ResourceKey key = keyOf(resource);
        long started = System.nanoTime();
        long[] triples = {0};
        Node graph = key.graph();
        Txn.executeWrite(dataset, () -> {
            dataset.deleteAny(graph, Node.ANY, Node.ANY, Node.ANY);
            TripleSink sink = (s, p, o) -> {
                dataset.add(graph, s, p, o);
                triples[0]++;
            };
            toRdf(resource, key, sink, progress);
        });
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        committed(Set.of(key));
        return new WriteReport(key, triples[0], elapsed);
    }

    /**
     * Writes a new version through TDB2's bulk loader ({@code LoaderFactory}) into its graph. Faster for
     * large systems, but the loader commits on its own terms: only for versions not yet held (nobody reads
     * the graph until the commit listeners run, which refresh the FHIR view); a held version is refused.
     */
    public WriteReport putBulk(MetadataResource resource, BulkLoader loader, ProgressListener progress) {
        ResourceKey key = keyOf(resource);
        if (holds(key)) {
            throw new IllegalStateException(key + " is held: replace it with put(), which is one transaction");
        }
        long started = System.nanoTime();
        Node graph = key.graph();
        DataLoader dataLoader = switch (loader) {
            case BASIC -> LoaderFactory.basicLoader(dataset, graph, MonitorOutputs.nullOutput());
            case SEQUENTIAL -> LoaderFactory.sequentialLoader(dataset, graph, MonitorOutputs.nullOutput());
            case PHASED -> LoaderFactory.phasedLoader(dataset, graph, MonitorOutputs.nullOutput());
            case PARALLEL -> LoaderFactory.parallelLoader(dataset, graph, MonitorOutputs.nullOutput());
        };
        long[] triples = {0};
        dataLoader.startBulk();
        try {
            StreamRDF stream = dataLoader.stream();
            stream.start();
            toRdf(resource, key, (s, p, o) -> {
                stream.triple(Triple.create(s, p, o));
                triples[0]++;
            }, progress);
            stream.finish();
            dataLoader.finishBulk();
        } catch (RuntimeException e) {
            dataLoader.finishException(e);
            throw e;
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        committed(Set.of(key));
        return new WriteReport(key, triples[0], elapsed);
    }

    /** TDB2's bulk loaders (see the TDB2 documentation on tdb2.tdbloader). */
    public enum BulkLoader { BASIC, SEQUENTIAL, PHASED, PARALLEL }

    /** The resource's triples without storing them: what a write sends, for baselines and tests. */
    public static void toRdf(MetadataResource resource, ResourceKey key, TripleSink sink, ProgressListener progress) {
        switch (resource) {
            case CodeSystem codeSystem -> CodeSystemRdf.write(codeSystem, key, sink, progress);
            case ValueSet valueSet -> ValueSetRdf.write(valueSet, key, sink);
            case ConceptMap conceptMap -> ConceptMapRdf.write(conceptMap, key, sink, progress);
            default -> throw new IllegalArgumentException("not a terminology resource: " + resource.fhirType());
        }
    }

    /** Deletes one version; false when it was not held. */
    public boolean delete(ResourceKey key) {
        Node graph = key.graph();
        boolean held = Txn.calculateWrite(dataset, () -> {
            boolean present = dataset.contains(graph, graph, URL, Node.ANY);
            dataset.deleteAny(graph, Node.ANY, Node.ANY, Node.ANY);
            return present;
        });
        if (held) {
            committed(Set.of(key));
            LOG.info("deleted {}", key);
        }
        return held;
    }

    public boolean holds(ResourceKey key) {
        Node graph = key.graph();
        return Txn.calculateRead(dataset, () -> dataset.contains(graph, graph, URL, Node.ANY));
    }

    /** Every version held, read from the graphs' header triples in one read transaction. */
    public List<HeldResource> held() {
        return Txn.calculateRead(dataset, () -> {
            List<HeldResource> held = new ArrayList<>();
            dataset.find(Node.ANY, Node.ANY, URL, Node.ANY).forEachRemaining(quad -> {
                if (quad.getGraph().equals(quad.getSubject())) {
                    held.add(heldOf(quad));
                }
            });
            return held;
        });
    }

    private HeldResource heldOf(Quad header) {
        Node graph = header.getGraph();
        String type = Iter.asStream(dataset.find(graph, graph, TerminologyVocabulary.RDF_TYPE, Node.ANY))
                .map(q -> q.getObject().getURI()).filter(uri -> uri.startsWith(RHIX)).map(uri -> uri.substring(RHIX.length()))
                .findFirst().orElseThrow(() -> new IllegalStateException(graph + " has no resource type"));
        String version = Iter.asStream(dataset.find(graph, graph, VERSION, Node.ANY))
                .map(q -> q.getObject().getLiteralLexicalForm()).findFirst().orElse(null);
        Instant loadedAt = Iter.asStream(dataset.find(graph, graph, LOADED_AT, Node.ANY))
                .map(q -> Instant.parse(q.getObject().getLiteralLexicalForm())).findFirst().orElse(Instant.EPOCH);
        return new HeldResource(new ResourceKey(type, header.getObject().getLiteralLexicalForm(), version), loadedAt);
    }

    /** Counts triples in one version's graph. */
    public long triples(ResourceKey key) {
        Node graph = key.graph();
        return Txn.calculateRead(dataset, () -> dataset.getGraph(graph).size());
    }

    private void committed(Collection<ResourceKey> keys) {
        Set<ResourceKey> changed = Set.copyOf(keys);
        commitListeners.forEach(listener -> listener.accept(changed));
    }

    @Override
    public void close() {
        // Expel rather than close: TDB2 caches a location per JVM, and a test reopening it must get a fresh one.
        org.apache.jena.tdb2.sys.TDBInternal.expel(dataset);
    }
}
