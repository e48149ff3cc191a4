package rhix.terminology.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.ValueSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rhix.terminology.store.FhirJsonCodec;
import rhix.terminology.store.ProgressListener;
import rhix.terminology.store.ResourceKey;
import rhix.terminology.store.TerminologyStore;
import rhix.terminology.store.WriteReport;

/**
 * Loads FHIR R4 JSON into the store: a CodeSystem, ValueSet or ConceptMap, a Bundle of them, or a folder
 * of such files (the generator's {@code conceptmaps/} folder among them). Each version is its own write
 * transaction; anything else in a Bundle or folder is skipped with a warning, not an error.
 */
public final class FhirJsonLoader {

    private static final Logger LOG = LoggerFactory.getLogger(FhirJsonLoader.class);

    private final TerminologyStore store;
    private final LoadPolicy policy;

    public FhirJsonLoader(TerminologyStore store, LoadPolicy policy) {
        this.store = store;
        this.policy = policy;
    }

    /** Loads one resource; the listener hears concepts (or map elements) done of total. */
    public LoadSummary load(MetadataResource resource, ProgressListener progress) {
        long started = System.nanoTime();
        List<WriteReport> written = new ArrayList<>();
        List<ResourceKey> skipped = new ArrayList<>();
        store(resource, progress, written, skipped);
        return new LoadSummary(written, skipped, Duration.ofNanos(System.nanoTime() - started));
    }

    public LoadSummary loadJson(InputStream json, ProgressListener progress) {
        long started = System.nanoTime();
        List<WriteReport> written = new ArrayList<>();
        List<ResourceKey> skipped = new ArrayList<>();
        try (Reader reader = new InputStreamReader(json, StandardCharsets.UTF_8)) {
            IBaseResource parsed = FhirJsonCodec.context().newJsonParser().parseResource(reader);
            for (MetadataResource resource : terminologyResources(parsed)) {
                store(resource, progress, written, skipped);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read FHIR JSON", e);
        }
        return new LoadSummary(written, skipped, Duration.ofNanos(System.nanoTime() - started));
    }

    public LoadSummary loadFile(Path file, ProgressListener progress) {
        try (InputStream in = Files.newInputStream(file)) {
            return loadJson(in, progress);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot load " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Every {@code *.json} file of a folder (not its subfolders), in name order; the listener hears files
     * done of total. This is the entry for the generator's hospital → LOINC ConceptMaps.
     */
    public LoadSummary loadFolder(Path folder, ProgressListener progress) {
        long started = System.nanoTime();
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.filter(path -> path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + folder, e);
        }
        List<WriteReport> written = new ArrayList<>();
        List<ResourceKey> skipped = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            LoadSummary file = loadFile(files.get(i), ProgressListener.NONE);
            written.addAll(file.written());
            skipped.addAll(file.skipped());
            progress.progress(i + 1, files.size());
        }
        LoadSummary summary = new LoadSummary(written, skipped, Duration.ofNanos(System.nanoTime() - started));
        LOG.info("loaded {} versions ({} already held) from {}: {} triples, {} triples/s", written.size(), skipped.size(),
                folder, summary.triples(), Math.round(summary.triplesPerSecond()));
        return summary;
    }

    private void store(MetadataResource resource, ProgressListener progress, List<WriteReport> written, List<ResourceKey> skipped) {
        ResourceKey key = TerminologyStore.keyOf(resource);
        if (policy == LoadPolicy.SKIP_IF_HELD && store.holds(key)) {
            LOG.debug("{} already held, not loaded again", key);
            skipped.add(key);
            return;
        }
        WriteReport report = store.put(resource, progress);
        LOG.info("loaded {}: {} triples in {} ms ({} triples/s)", key, report.triples(), report.elapsed().toMillis(),
                Math.round(report.triplesPerSecond()));
        written.add(report);
    }

    /** The terminology resources in a parsed resource: itself, or a Bundle's entries. */
    static List<MetadataResource> terminologyResources(IBaseResource parsed) {
        List<MetadataResource> resources = new ArrayList<>();
        if (parsed instanceof Bundle bundle) {
            for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
                if (entry.hasResource()) {
                    resources.addAll(terminologyResources(entry.getResource()));
                }
            }
        } else if (parsed instanceof CodeSystem || parsed instanceof ValueSet || parsed instanceof ConceptMap) {
            resources.add((MetadataResource) parsed);
        } else {
            LOG.warn("skipped a {}: not a CodeSystem, ValueSet or ConceptMap", parsed.fhirType());
        }
        return resources;
    }
}
