package rhix.synthetic;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.Resource;

/**
 * Writes a region to a directory:
 * <pre>
 * region.json                                 nodes and hospitals
 * ground-truth.csv                            which local records are the same person
 * conceptmaps/ConceptMap-&lt;org&gt;.json           each hospital's local lab codes → LOINC
 * nodes/&lt;node-id&gt;/&lt;org&gt;.ndjson                each hospital's resources (or -bundle-NNNN.json)
 * </pre>
 */
public final class DirectoryRegionSink implements RegionSink {

    private final Path root;
    private final OutputFormat format;
    private final int bundleSize;
    /** Resources buffered before they are encoded on every core and written in their original order. */
    private static final int ENCODE_BATCH = 4096;
    /** HAPI parsers are not thread-safe: one per encoding thread. */
    private static final ThreadLocal<IParser> ENCODER = ThreadLocal.withInitial(
            () -> FhirContext.forR4Cached().newJsonParser().setPrettyPrint(false));

    private final IParser parser = FhirContext.forR4Cached().newJsonParser().setPrettyPrint(false);
    private final List<Pending> pendingLines = new ArrayList<>();
    private final Map<String, Writer> ndjsonWriters = new HashMap<>();
    private final Map<String, List<Resource>> pendingBundles = new HashMap<>();
    private final Map<String, Integer> bundlesWritten = new HashMap<>();
    private final Map<String, Hospital> hospitals = new HashMap<>();
    private Writer groundTruth;
    private long resources;

    public DirectoryRegionSink(Path root, OutputFormat format, int bundleSize) {
        this.root = root;
        this.format = format;
        this.bundleSize = bundleSize;
    }

    public DirectoryRegionSink(Path root) {
        this(root, OutputFormat.NDJSON, 1000);
    }

    public static Path hospitalFile(Path root, Hospital hospital) {
        return root.resolve("nodes").resolve(hospital.node().value()).resolve(hospital.organizationCode() + ".ndjson");
    }

    @Override
    public void begin(RegionLayout layout, RegionSpec spec) throws IOException {
        Files.createDirectories(root.resolve("conceptmaps"));
        for (PlatformNode node : layout.nodes()) {
            Files.createDirectories(root.resolve("nodes").resolve(node.id().value()));
        }
        Files.writeString(root.resolve("region.json"), RegionJson.write(layout, spec), StandardCharsets.UTF_8);
        groundTruth = Files.newBufferedWriter(root.resolve("ground-truth.csv"), StandardCharsets.UTF_8);
        groundTruth.write(GroundTruthRow.CSV_HEADER);
        groundTruth.write('\n');
        for (Hospital hospital : layout.hospitals()) {
            hospitals.put(hospital.organizationCode(), hospital);
            if (format == OutputFormat.NDJSON) {
                ndjsonWriters.put(hospital.organizationCode(), Files.newBufferedWriter(hospitalFile(root, hospital),
                        StandardCharsets.UTF_8));
            }
        }
    }

    @Override
    public void conceptMap(Hospital hospital, ConceptMap conceptMap) throws IOException {
        Files.writeString(root.resolve("conceptmaps").resolve("ConceptMap-" + hospital.organizationCode() + ".json"),
                FhirContext.forR4Cached().newJsonParser().setPrettyPrint(true).encodeResourceToString(conceptMap),
                StandardCharsets.UTF_8);
    }

    @Override
    public void resource(Hospital hospital, Resource resource) throws IOException {
        resources++;
        if (format == OutputFormat.NDJSON) {
            pendingLines.add(new Pending(hospital, resource));
            if (pendingLines.size() >= ENCODE_BATCH) {
                writePendingLines();
            }
            return;
        }
        List<Resource> pending = pendingBundles.computeIfAbsent(hospital.organizationCode(), code -> new ArrayList<>());
        pending.add(resource);
        if (pending.size() >= bundleSize) {
            flushBundle(hospital);
        }
    }

    @Override
    public void groundTruth(GroundTruthRow row) throws IOException {
        groundTruth.write(row.toCsv());
        groundTruth.write('\n');
    }

    public long resourceCount() {
        return resources;
    }

    @Override
    public void close() throws IOException {
        writePendingLines();
        for (Writer writer : ndjsonWriters.values()) {
            writer.close();
        }
        for (String code : new ArrayList<>(pendingBundles.keySet())) {
            flushBundle(hospitals.get(code));
        }
        if (groundTruth != null) {
            groundTruth.close();
        }
    }

    private record Pending(Hospital hospital, Resource resource) {
    }

    /** JSON encoding is most of the generator's time: encode in parallel, write in order, so output stays deterministic. */
    private void writePendingLines() throws IOException {
        List<String> lines = pendingLines.parallelStream()
                .map(pending -> ENCODER.get().encodeResourceToString(pending.resource())).toList();
        for (int i = 0; i < lines.size(); i++) {
            Writer writer = ndjsonWriters.get(pendingLines.get(i).hospital().organizationCode());
            writer.write(lines.get(i));
            writer.write('\n');
        }
        pendingLines.clear();
    }

    private void flushBundle(Hospital hospital) throws IOException {
        List<Resource> pending = pendingBundles.remove(hospital.organizationCode());
        if (pending == null || pending.isEmpty()) {
            return;
        }
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (Resource resource : pending) {
            String url = resource.fhirType() + "/" + resource.getIdPart();
            bundle.addEntry().setFullUrl(url).setResource(resource).getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl(url);
        }
        int number = bundlesWritten.merge(hospital.organizationCode(), 1, Integer::sum);
        Path file = hospitalFile(root, hospital).resolveSibling(String.format("%s-bundle-%04d.json",
                hospital.organizationCode(), number));
        try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            writer.write(parser.encodeResourceToString(bundle));
        }
    }
}
