package rhix.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.parser.IParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files on disk: layout, dependency order, strict parsing, determinism, transaction bundles. */
class RegionFilesTest {

    private static final RegionSpec SMALL = RegionSpec.of(300);
    private static final Pattern REFERENCE = Pattern.compile("\"reference\":\"([^\"]+)\"");
    private static final Pattern RESOURCE_START = Pattern.compile("^\\{\"resourceType\":\"(\\w+)\",\"id\":\"([^\"]+)\"");

    @TempDir
    static Path directory;
    private static Path ndjson;

    @BeforeAll
    static void generate() throws Exception {
        ndjson = directory.resolve("ndjson");
        new SyntheticRegion(SMALL).generate(new DirectoryRegionSink(ndjson));
    }

    @Test
    void theDirectoryHoldsRegionGroundTruthConceptMapsAndOneFilePerHospital() throws Exception {
        RegionLayout layout = RegionLayout.zhejiangDemo();
        assertThat(DirectoryRegionSink.regionFile(ndjson)).exists();
        assertThat(DirectoryRegionSink.groundTruthFile(ndjson)).exists();
        IParser strict = GeneratedRegions.strictParser();
        for (Hospital hospital : layout.hospitals()) {
            Path file = DirectoryRegionSink.hospitalFile(ndjson, hospital);
            assertThat(file).hasFileName(hospital.organizationCode() + ".ndjson")
                    .hasParent(ndjson.resolve("nodes").resolve(hospital.node().value()));
            Organization first = (Organization) strict.parseResource(Files.readAllLines(file).getFirst());
            assertThat(first.getIdentifierFirstRep().getValue()).isEqualTo(hospital.organizationCode());
            ConceptMap map = (ConceptMap) strict.parseResource(Files.readString(DirectoryRegionSink.conceptMapFile(ndjson, hospital)));
            assertThat(map.getGroupFirstRep().getElement()).hasSize(LabCatalog.TESTS.size());
        }
        String region = Files.readString(DirectoryRegionSink.regionFile(ndjson));
        assertThat(region).contains("\"seed\": 42", "\"persons\": 300", "\"asOf\": \"2026-11-01\"", "\"id\": \"county-330127\"",
                "\"parent\": \"city-330100\"", "\"organizationCode\": \"H330000001\"", "\"data\": \"nodes/county-330102/H330102001.ndjson\"");
        try (Stream<Path> files = Files.list(ndjson.resolve("nodes"))) {
            assertThat(files.map(path -> path.getFileName().toString()))
                    .containsExactlyInAnyOrderElementsOf(layout.nodes().stream().map(node -> node.id().value()).toList());
        }
    }

    @Test
    void everyLineParsesStrictlyAndEveryReferencePointsToAnEarlierLineOfItsFile() throws Exception {
        IParser strict = GeneratedRegions.strictParser();
        long lines = 0;
        for (Path nodeDirectory : list(ndjson.resolve("nodes"))) {
            Set<String> idsAtNode = new HashSet<>();
            for (Path file : list(nodeDirectory)) {
                Set<String> earlier = new HashSet<>();
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    Resource resource = (Resource) strict.parseResource(line);
                    Matcher start = RESOURCE_START.matcher(line);
                    assertThat(start.find()).isTrue();
                    Matcher references = REFERENCE.matcher(line);
                    while (references.find()) {
                        assertThat(earlier).as(file.getFileName() + ": " + resource.getId() + " → " + references.group(1))
                                .contains(references.group(1));
                    }
                    String key = resource.fhirType() + "/" + resource.getIdPart();
                    assertThat(earlier.add(key)).as("unique in its file: " + key).isTrue();
                    assertThat(idsAtNode.add(key)).as("unique at its node: " + key).isTrue();
                    lines++;
                }
            }
        }
        assertThat(lines).isGreaterThan(SMALL.persons() * 10L);
    }

    @Test
    void theSameSpecWritesIdenticalFilesAndAnotherSeedDoesNot() throws Exception {
        Path again = directory.resolve("again");
        Path otherSeed = directory.resolve("other-seed");
        new SyntheticRegion(SMALL).generate(new DirectoryRegionSink(again));
        new SyntheticRegion(SMALL.withSeed(7)).generate(new DirectoryRegionSink(otherSeed));

        Map<String, String> first = digests(ndjson);
        assertThat(first).hasSize(1 + 1 + 13 + 13);
        assertThat(digests(again)).isEqualTo(first);
        Map<String, String> other = digests(otherSeed);
        assertThat(other.keySet()).isEqualTo(first.keySet());
        assertThat(other.get("ground-truth.csv")).isNotEqualTo(first.get("ground-truth.csv"));
        assertThat(other.get("nodes/county-330102/H330102001.ndjson")).isNotEqualTo(first.get("nodes/county-330102/H330102001.ndjson"));
    }

    @Test
    void aPersonComesOutTheSameWhateverThePersonCount() {
        List<GroundTruthRow> fewer = GeneratedRegions.region(RegionSpec.of(120)).groundTruth();
        List<GroundTruthRow> more = GeneratedRegions.region(SMALL).groundTruth();

        assertThat(more.subList(0, fewer.size())).isEqualTo(fewer);
    }

    @Test
    void bundlesHoldTheSameResourcesAsNdjsonAsTransactionsOfPutEntries() throws Exception {
        Path bundles = directory.resolve("bundles");
        new SyntheticRegion(SMALL.withFormat(OutputFormat.BUNDLE).withBundleSize(250)).generate(new DirectoryRegionSink(bundles));
        IParser strict = GeneratedRegions.strictParser();
        IParser encoder = ca.uhn.fhir.context.FhirContext.forR4Cached().newJsonParser();
        for (Hospital hospital : RegionLayout.zhejiangDemo().hospitals()) {
            List<String> expected = Files.readAllLines(DirectoryRegionSink.hospitalFile(ndjson, hospital));
            assertThat(DirectoryRegionSink.hospitalFile(bundles, hospital)).doesNotExist();
            List<String> entries = new ArrayList<>();
            for (int number = 1; Files.exists(DirectoryRegionSink.bundleFile(bundles, hospital, number)); number++) {
                Bundle bundle = (Bundle) strict.parseResource(Files.readString(DirectoryRegionSink.bundleFile(bundles, hospital, number)));
                assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.TRANSACTION);
                assertThat(bundle.getEntry()).hasSizeBetween(1, 250);
                for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
                    assertThat(entry.getRequest().getMethod()).isEqualTo(Bundle.HTTPVerb.PUT);
                    assertThat(entry.getRequest().getUrl())
                            .isEqualTo(entry.getResource().fhirType() + "/" + entry.getResource().getIdElement().getIdPart());
                    entries.add(encoder.encodeResourceToString(entry.getResource()));
                }
            }
            assertThat(entries).as(hospital.organizationCode()).isEqualTo(expected);
        }
    }

    private static List<Path> list(Path directory) throws Exception {
        try (Stream<Path> paths = Files.list(directory)) {
            return paths.sorted().toList();
        }
    }

    /** SHA-256 of every file, keyed by its path relative to {@code root}. */
    private static Map<String, String> digests(Path root) throws Exception {
        Map<String, String> digests = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
                digests.put(root.relativize(file).toString().replace('\\', '/'), HexFormat.of().formatHex(digest));
            }
        }
        return digests;
    }
}
