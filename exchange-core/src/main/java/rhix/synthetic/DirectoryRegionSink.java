package rhix.synthetic;

import ca.uhn.fhir.context.FhirContext;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.ConceptMap;

/**
 * Writes a region to a directory, in the format the spec names:
 * <pre>
 * region.json                                   the spec, nodes and hospitals
 * ground-truth.csv                              which local records are the same person
 * conceptmaps/ConceptMap-&lt;org&gt;.json             each hospital's local lab codes → LOINC
 * nodes/&lt;node-id&gt;/&lt;org&gt;.ndjson                  each hospital's resources, one a line (NDJSON)
 * nodes/&lt;node-id&gt;/&lt;org&gt;-bundle-NNNN.json         or transaction Bundles of PUT entries (BUNDLE)
 * </pre>
 * Resources go out in the order given, so every reference points to an earlier line (or an
 * earlier entry or file). Encoding is most of the cost of a region, so resources are encoded in
 * batches on every core and written in their original order: the files do not depend on the
 * number of cores. Memory stays flat: one batch, and at most one unfinished Bundle per hospital.
 */
public final class DirectoryRegionSink implements RegionSink {

    private static final int WRITE_BUFFER_SIZE = 1 << 16;
    /** Resources encoded together: enough to keep every core busy, small enough to stay in cache. */
    private static final int ENCODE_BATCH = 2048;

    private record Pending(Hospital hospital, SyntheticResource resource) {
    }

    private final Path root;
    private final List<Pending> pendingLines = new ArrayList<>(ENCODE_BATCH);
    private final Map<String, OutputStream> ndjsonFiles = new LinkedHashMap<>();
    private final Map<String, List<SyntheticResource>> pendingBundles = new LinkedHashMap<>();
    private final Map<String, Integer> bundlesWritten = new HashMap<>();
    private final Map<String, Hospital> hospitals = new HashMap<>();
    private RegionSpec spec;
    private Writer groundTruth;
    private long resources;

    public DirectoryRegionSink(Path root) {
        this.root = root;
    }

    public static Path regionFile(Path root) {
        return root.resolve("region.json");
    }

    public static Path groundTruthFile(Path root) {
        return root.resolve("ground-truth.csv");
    }

    public static Path conceptMapFile(Path root, Hospital hospital) {
        return root.resolve("conceptmaps").resolve("ConceptMap-" + hospital.organizationCode() + ".json");
    }

    public static Path nodeDirectory(Path root, Hospital hospital) {
        return root.resolve("nodes").resolve(hospital.node().value());
    }

    /** The hospital's NDJSON file (format NDJSON). */
    public static Path hospitalFile(Path root, Hospital hospital) {
        return nodeDirectory(root, hospital).resolve(hospital.organizationCode() + ".ndjson");
    }

    /** The hospital's {@code number}-th transaction Bundle, from 1 (format BUNDLE). */
    public static Path bundleFile(Path root, Hospital hospital, int number) {
        return nodeDirectory(root, hospital).resolve(String.format("%s-bundle-%04d.json", hospital.organizationCode(), number));
    }

    @Override
    public void begin(RegionLayout layout, RegionSpec regionSpec) throws IOException {
        this.spec = regionSpec;
        Files.createDirectories(root.resolve("conceptmaps"));
        for (PlatformNode node : layout.nodes()) {
            Files.createDirectories(root.resolve("nodes").resolve(node.id().value()));
        }
        Files.writeString(regionFile(root), RegionJson.write(layout, regionSpec), StandardCharsets.UTF_8);
        groundTruth = writer(groundTruthFile(root));
        groundTruth.write(GroundTruthRow.CSV_HEADER);
        groundTruth.write('\n');
        for (Hospital hospital : layout.hospitals()) {
            hospitals.put(hospital.organizationCode(), hospital);
            if (regionSpec.format() == OutputFormat.NDJSON) {
                ndjsonFiles.put(hospital.organizationCode(),
                        new BufferedOutputStream(Files.newOutputStream(hospitalFile(root, hospital)), WRITE_BUFFER_SIZE));
            }
        }
    }

    @Override
    public void conceptMap(Hospital hospital, ConceptMap conceptMap) throws IOException {
        Files.writeString(conceptMapFile(root, hospital),
                FhirContext.forR4Cached().newJsonParser().setPrettyPrint(true).encodeResourceToString(conceptMap),
                StandardCharsets.UTF_8);
    }

    @Override
    public void resource(Hospital hospital, SyntheticResource resource) throws IOException {
        resources++;
        if (spec.format() == OutputFormat.NDJSON) {
            pendingLines.add(new Pending(hospital, resource));
            if (pendingLines.size() >= ENCODE_BATCH) {
                writePendingLines();
            }
            return;
        }
        List<SyntheticResource> pending = pendingBundles.computeIfAbsent(hospital.organizationCode(),
                code -> new ArrayList<>(spec.bundleSize()));
        pending.add(resource);
        if (pending.size() >= spec.bundleSize()) {
            writeBundle(hospital);
        }
    }

    @Override
    public void groundTruth(GroundTruthRow row) throws IOException {
        groundTruth.write(row.toCsv());
        groundTruth.write('\n');
    }

    /** Resources written so far. */
    public long resourceCount() {
        return resources;
    }

    @Override
    public void close() throws IOException {
        IOException failure = null;
        try {
            writePendingLines();
        } catch (IOException e) {
            failure = e;
        }
        for (OutputStream file : ndjsonFiles.values()) {
            failure = closeRemembering(file, failure);
        }
        try {
            for (String code : new ArrayList<>(pendingBundles.keySet())) {
                writeBundle(hospitals.get(code));
            }
        } catch (IOException e) {
            failure = failure == null ? e : withSuppressed(failure, e);
        }
        if (groundTruth != null) {
            failure = closeRemembering(groundTruth, failure);
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Encodes the batch on every core, then writes each line to its hospital's file in the original order. */
    private void writePendingLines() throws IOException {
        if (pendingLines.isEmpty()) {
            return;
        }
        List<byte[]> lines = pendingLines.parallelStream()
                .map(pending -> (pending.resource().toJson() + "\n").getBytes(StandardCharsets.UTF_8)).toList();
        for (int i = 0; i < lines.size(); i++) {
            ndjsonFiles.get(pendingLines.get(i).hospital().organizationCode()).write(lines.get(i));
        }
        pendingLines.clear();
    }

    private void writeBundle(Hospital hospital) throws IOException {
        List<SyntheticResource> pending = pendingBundles.remove(hospital.organizationCode());
        if (pending == null || pending.isEmpty()) {
            return;
        }
        int number = bundlesWritten.merge(hospital.organizationCode(), 1, Integer::sum);
        try (Writer writer = writer(bundleFile(root, hospital, number))) {
            writer.write(FhirJson.transactionBundle(pending));
            writer.write('\n');
        }
    }

    private static Writer writer(Path file) throws IOException {
        return new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8),
                WRITE_BUFFER_SIZE);
    }

    /** Closes every file even when one fails, so no file handle leaks; reports the first failure. */
    private static IOException closeRemembering(AutoCloseable file, IOException earlier) {
        try {
            file.close();
            return earlier;
        } catch (Exception e) {
            IOException failure = e instanceof IOException io ? io : new IOException(e);
            return earlier == null ? failure : withSuppressed(earlier, failure);
        }
    }

    private static IOException withSuppressed(IOException first, IOException later) {
        first.addSuppressed(later);
        return first;
    }
}
