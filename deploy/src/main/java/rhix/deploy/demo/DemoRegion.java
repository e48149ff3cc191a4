package rhix.deploy.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;
import rhix.fhir.facade.security.TokenRequest;
import rhix.region.NodeId;
import rhix.synthetic.DirectoryRegionSink;
import rhix.synthetic.Hospital;
import rhix.synthetic.PlatformNode;
import rhix.synthetic.RegionSpec;
import rhix.synthetic.SyntheticRegion;

/**
 * The one-command demo region: generates a synthetic province, starts the region's master patient
 * index and one node agent per province, city and county (each its own JVM, port and store), loads
 * every hospital's data into its node (whose patients the node registers with the MPI), checks
 * {@code $match} and PIXm against the ground truth, prints the node table and runs until Ctrl-C.
 */
public final class DemoRegion {

    private static final Logger LOG = LoggerFactory.getLogger(DemoRegion.class);
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    /** The MPI's ports sit 90 above each base: HTTP base+90, gRPC base+190, FHIR base+290. */
    static final int MPI_PORT_OFFSET = 90;
    /** Terminology server: HTTP base+95, FHIR base+295, SPARQL base+395. */
    static final int TERMINOLOGY_PORT_OFFSET = 95;

    private final DemoOptions options;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final Map<NodeId, NodeProcess> nodes = new LinkedHashMap<>();
    private MpiProcess mpi;
    private TerminologyProcess terminology;

    private DemoRegion(DemoOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        DemoOptions options;
        try {
            options = DemoOptions.parse(args);
        } catch (IllegalArgumentException e) {
            LOG.error(e.getMessage());
            System.exit(2);
            return;
        }
        DemoRegion demo = new DemoRegion(options);
        Runtime.getRuntime().addShutdownHook(new Thread(demo::stopAll, "demo-shutdown"));
        int exit = demo.run();
        if (exit != 0 || options.exitWhenLoaded()) {
            demo.stopAll();
            System.exit(exit);
        }
        LOG.info("The region is running. Press Ctrl-C to stop every node.");
        Thread.currentThread().join();
    }

    private int run() throws Exception {
        long started = System.nanoTime();
        Path regionDirectory = options.workDir().resolve("region");
        Path logDirectory = options.workDir().resolve("logs");
        deleteRecursively(regionDirectory);
        Files.createDirectories(logDirectory);

        RegionSpec spec = RegionSpec.of(options.persons()).withSeed(options.seed());
        SyntheticRegion region = new SyntheticRegion(spec);
        DirectoryRegionSink sink = new DirectoryRegionSink(regionDirectory);
        region.generate(sink);
        LOG.info("Generated {} persons, {} resources for {} hospitals into {}", spec.persons(), sink.resourceCount(),
                region.layout().hospitals().size(), regionDirectory);

        RegionTokenAuthority authority = RegionTokenAuthority.openOrCreate(options.workDir());
        LOG.info("FHIR API security: nodes trust tokens of {} (public keys {}); ./deploy/demo-token.sh prints one",
                RegionTokenAuthority.ISSUER, authority.publicJwks());

        NodeStores stores = new NodeStores(options);
        LOG.info("Node stores: {}", stores.description());
        mpi = MpiProcess.start(options.basePort() + MPI_PORT_OFFSET, options.basePort() + 100 + MPI_PORT_OFFSET,
                options.basePort() + 200 + MPI_PORT_OFFSET, stores.freshStore("mpi"), authority.mpiProperties(), logDirectory);
        if (!awaitReady("mpi", mpi::isAlive, mpi.httpUrl() + "/mpi/model", mpi.log())) {
            return 1;
        }
        terminology = TerminologyProcess.start(options.basePort() + TERMINOLOGY_PORT_OFFSET,
                options.basePort() + 200 + TERMINOLOGY_PORT_OFFSET, options.basePort() + 300 + TERMINOLOGY_PORT_OFFSET,
                freshTerminologyStore(options.workDir()), regionDirectory.resolve("conceptmaps"), logDirectory);
        if (!awaitReady("terminology", terminology::isAlive, terminology.fhirBaseUrl() + "/metadata", terminology.log())) {
            return 1;
        }
        List<PlatformNode> layoutNodes = region.layout().nodes();
        // Mutual recognition: every node may ask every other for a patient's results (the MPI says which hold
        // them), and maps LOINC to its hospitals' local codes with the generator's concept maps.
        List<String> regionProperties = new ArrayList<>();
        for (int i = 0; i < layoutNodes.size(); i++) {
            regionProperties.add("-Drhix.node.recognition.provider-targets." + layoutNodes.get(i).id().value()
                    + "=127.0.0.1:" + (options.basePort() + 100 + i));
        }
        regionProperties.add("-Drhix.node.recognition.concept-maps=" + regionDirectory.resolve("conceptmaps").toAbsolutePath());
        for (int i = 0; i < layoutNodes.size(); i++) {
            PlatformNode node = layoutNodes.get(i);
            Optional<Integer> parentGrpcPort = node.parentId()
                    .map(parent -> options.basePort() + 100 + indexOf(layoutNodes, parent));
            nodes.put(node.id(), NodeProcess.start(node, options.basePort() + i, options.basePort() + 100 + i,
                    options.basePort() + 200 + i, parentGrpcPort, stores.freshStoreFor(node.id()), authority.nodeProperties(),
                    mpi.grpcTarget(), terminology.fhirBaseUrl(), withKeyDirectory(regionProperties, options.workDir(), node),
                    logDirectory));
        }
        LOG.info("Started {} node agents; waiting for them to be ready (logs in {})", nodes.size(), logDirectory);
        for (NodeProcess node : nodes.values()) {
            if (!awaitReady(node.node().id().value(), node::isAlive, node.httpUrl() + "/node", node.log())) {
                return 1;
            }
        }

        List<LoadResult> loads = new ArrayList<>();
        for (Hospital hospital : region.layout().hospitals()) {
            loads.add(load(nodes.get(hospital.node()), hospital, DirectoryRegionSink.hospitalFile(regionDirectory, hospital)));
        }
        if (loads.stream().anyMatch(load -> !load.accepted())) {
            LOG.error("Some hospital data was rejected; see above");
            return 1;
        }
        if (!checkFhirApi(authority) || !awaitRegistrations()
                || !new MpiDemoCheck(http, mpi, authority, nodesById()).run(regionDirectory.resolve("ground-truth.csv"))
                || !checkTerminologyUse() || !checkValidate(authority)
                || !new RecognitionDemoCheck(http, authority, nodesById()).run(regionDirectory.resolve("ground-truth.csv"))) {
            return 1;
        }
        JsonNode tree = awaitTree(nodes.get(layoutNodes.getFirst().id()), layoutNodes.size() - 1);
        printTable(stores, tree);
        LOG.info("Region up with data in {} s. Ground truth: {}; concept maps: {}",
                String.format(Locale.ROOT, "%.1f", (System.nanoTime() - started) / 1e9),
                regionDirectory.resolve("ground-truth.csv"), regionDirectory.resolve("conceptmaps"));
        return 0;
    }

    private static int indexOf(List<PlatformNode> layoutNodes, NodeId nodeId) {
        for (int i = 0; i < layoutNodes.size(); i++) {
            if (layoutNodes.get(i).id().equals(nodeId)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no node " + nodeId);
    }

    private boolean awaitReady(String name, java.util.function.BooleanSupplier alive, String statusUrl, Path log)
            throws InterruptedException, IOException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!alive.getAsBoolean()) {
                LOG.error("{} exited during start-up; last lines of {}:\n{}", name, log, tail(log));
                return false;
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(statusUrl))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return true;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            Thread.sleep(500);
        }
        LOG.error("{} was not ready within {}; last lines of {}:\n{}", name, READY_TIMEOUT, log, tail(log));
        return false;
    }

    /** Waits until every node has registered its patients with the MPI (the relays send after each load). */
    private boolean awaitRegistrations() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            long pending = 0;
            long failed = 0;
            for (NodeProcess node : nodes.values()) {
                JsonNode registration = json.readTree(get(node.httpUrl() + "/node")).path("mpiRegistration");
                pending += registration.path("pending").asLong();
                failed += registration.path("failed").asLong();
            }
            if (failed > 0) {
                LOG.error("{} patient registrations were refused by the MPI; see GET /node on each node and {}", failed, mpi.log());
                return false;
            }
            if (pending == 0) {
                LOG.info("Every node's patients are registered with the MPI");
                return true;
            }
            Thread.sleep(500);
        }
        LOG.error("Patient registrations with the MPI still pending after 3 minutes; see {}", mpi.log());
        return false;
    }

    private record LoadResult(Hospital hospital, boolean accepted) {
    }

    /**
     * The README's FHIR example, tried on a county node: refused without a token (401), answered with
     * one from the region's authority (200). Catches a node that serves without security as much as one
     * whose keys do not match.
     */
    private boolean checkFhirApi(RegionTokenAuthority authority) throws IOException, InterruptedException {
        NodeProcess county = firstCounty();
        URI search = URI.create(county.fhirBaseUrl() + "/Observation?code=1005&_count=1");
        String token = authority.issuer().sign(TokenRequest.of("demo-check", "user/*.rs", "TREAT")
                .withClientId("demo-region"));
        int anonymous = http.send(HttpRequest.newBuilder(search).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
        int authorized = http.send(HttpRequest.newBuilder(search).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        if (anonymous != 401 || authorized != 200) {
            LOG.error("FHIR API check on {} failed: {} without a token (want 401), {} with one (want 200); see {}",
                    county.node().id(), anonymous, authorized, county.log());
            return false;
        }
        LOG.info("FHIR API check on {}: {} without a token, {} with a region token", county.node().id(), anonymous, authorized);
        return true;
    }

    /**
     * A county node's {@code Observation/$validate} asks the real terminology server: a LOINC code the region holds
     * passes, one it does not is an error naming the code. Catches a node whose validator cannot run (class path)
     * or does not reach the server.
     */
    private boolean checkValidate(RegionTokenAuthority authority) throws IOException, InterruptedException {
        NodeProcess county = firstCounty();
        String token = authority.issuer().sign(TokenRequest.of("demo-check", "user/Observation.rs", "TREAT").withClientId("demo-region"));
        JsonNode known = validateObservation(county, token, "2345-7");
        JsonNode unknown = validateObservation(county, token, "99999-9");
        boolean knownPasses = errors(known).isEmpty();
        boolean unknownNamed = errors(unknown).stream().anyMatch(text -> text.contains("99999-9"));
        if (!knownPasses || !unknownNamed) {
            LOG.error("$validate check on {} failed: LOINC 2345-7 gave errors {} (want none), 99999-9 gave {} (want one naming it); see {}",
                    county.node().id(), errors(known), errors(unknown), county.log());
            return false;
        }
        LOG.info("$validate check on {}: LOINC 2345-7 passes, 99999-9 is refused by the terminology server ({})", county.node().id(),
                errors(unknown).getFirst());
        return true;
    }

    private JsonNode validateObservation(NodeProcess node, String token, String loinc) throws IOException, InterruptedException {
        String observation = "{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"coding\":[{\"system\":"
                + "\"http://loinc.org\",\"code\":\"" + loinc + "\"}]},\"valueQuantity\":{\"value\":5.4,\"unit\":\"mmol/L\","
                + "\"system\":\"http://unitsofmeasure.org\",\"code\":\"mmol/L\"}}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(node.fhirBaseUrl() + "/Observation/$validate"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/fhir+json")
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(observation)).build();
        return json.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
    }

    private static List<String> errors(JsonNode outcome) {
        List<String> errors = new java.util.ArrayList<>();
        for (JsonNode issue : outcome.path("issue")) {
            if (issue.path("severity").asText().equals("error") || issue.path("severity").asText().equals("fatal")) {
                errors.add(issue.path("diagnostics").asText(issue.path("details").path("text").asText()));
            }
        }
        return errors;
    }

    private Map<String, NodeProcess> nodesById() {
        Map<String, NodeProcess> byId = new LinkedHashMap<>();
        nodes.forEach((id, node) -> byId.put(id.value(), node));
        return byId;
    }

    private NodeProcess firstCounty() {
        return nodes.values().stream().filter(n -> n.node().level() == rhix.region.NodeLevel.COUNTY).findFirst().orElseThrow();
    }

    private LoadResult load(NodeProcess node, Hospital hospital, Path file) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(node.httpUrl() + "/ingest/batches?producer="
                        + hospital.organizationCode() + "&source=HIS"))
                .header("Content-Type", "application/fhir+ndjson")
                .timeout(Duration.ofMinutes(10))
                .POST(HttpRequest.BodyPublishers.ofFile(file)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            LOG.error("{} ({}) → {}: HTTP {}: {}", hospital.name(), hospital.organizationCode(), node.node().id(),
                    response.statusCode(), response.body().length() > 2000 ? response.body().substring(0, 2000) : response.body());
            return new LoadResult(hospital, false);
        }
        JsonNode report = json.readTree(response.body());
        LOG.info("{} ({}) → {}: {} resources, {} created, {} quality findings", hospital.name(), hospital.organizationCode(),
                node.node().id(), report.path("resourceCount").asInt(), report.path("created").asInt(),
                report.path("findings").asInt());
        return new LoadResult(hospital, true);
    }

    /** Waits until the root knows every other node as alive (registrations and heartbeats are asynchronous). */
    private JsonNode awaitTree(NodeProcess root, int descendants) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode tree = null;
        while (System.nanoTime() < deadline) {
            tree = json.readTree(get(root.httpUrl() + "/nodes"));
            long alive = 0;
            for (JsonNode node : tree.path("nodes")) {
                if ("ALIVE".equals(node.path("liveness").asText())) {
                    alive++;
                }
            }
            if (alive >= descendants) {
                return tree;
            }
            Thread.sleep(500);
        }
        LOG.warn("Not every node reported to {} in time; the table shows what it knows", root.node().id());
        return tree;
    }

    private void printTable(NodeStores stores, JsonNode tree) throws IOException, InterruptedException {
        Map<String, String> liveness = new LinkedHashMap<>();
        for (JsonNode node : tree.path("nodes")) {
            liveness.put(node.path("nodeId").asText(), node.path("liveness").asText());
        }
        String format = "%-16s %-8s %-6s %-24s %-23s %-28s %-16s %9s %8s %7s %8s %s%n";
        StringBuilder table = new StringBuilder("\n");
        table.append(String.format(format, "node", "level", "code", "name", "http", "fhir", "grpc", "resources", "patients",
                "batches", "findings", "liveness"));
        for (NodeProcess node : nodes.values()) {
            JsonNode status = json.readTree(get(node.httpUrl() + "/node"));
            long resources = 0;
            for (JsonNode count : status.path("resourceCounts")) {
                resources += count.asLong();
            }
            table.append(String.format(format, node.node().id(), node.node().level(), node.node().division(),
                    node.node().displayName(), node.httpUrl(), node.fhirBaseUrl(), node.grpcTarget(), resources,
                    status.path("resourceCounts").path("Patient").asLong(), status.path("ingestBatches").asLong(),
                    status.path("openFindings").asLong(),
                    node.node().parent() == null ? "root" : liveness.getOrDefault(node.node().id().value(), "?")));
        }
        JsonNode model = json.readTree(get(mpi.httpUrl() + "/mpi/model"));
        table.append(String.format(format, "mpi", "REGION", "", "主索引 (master patient index)", mpi.httpUrl(), mpi.fhirBaseUrl(),
                mpi.grpcTarget(), "", "", "", "", "model " + model.path("source").asText()));
        table.append(String.format(format, "terminology", "REGION", "", "术语服务 (terminology)", terminology.httpUrl(),
                terminology.fhirBaseUrl(), "", "", "", "", "", "SPARQL " + terminology.sparqlUrl()));
        table.append("store: ").append(stores.description()).append('\n');
        table.append("try:   curl ").append(nodes.values().iterator().next().httpUrl()).append("/nodes\n");
        NodeProcess county = firstCounty();
        table.append("       TOKEN=$(./deploy/demo-token.sh --sub dr-li --scope 'user/*.rs' --purpose TREAT)\n");
        table.append("       curl -H \"Authorization: Bearer $TOKEN\" '").append(county.fhirBaseUrl())
                .append("/Observation?code=1005&_count=5'\n");
        LOG.info("{}", table);
    }

    private String get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private void stopAll() {
        nodes.values().forEach(NodeProcess::stop);
        for (ServiceProcess service : java.util.Arrays.asList(mpi, terminology)) {
            if (service == null) {
                continue;
            }
            service.stop();
            try {
                service.awaitStopped();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (NodeProcess node : nodes.values()) {
            try {
                node.awaitStopped();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Every node asked the terminology server while ingesting (rule V04); says how many local codes stay unmapped. */
    private boolean checkTerminologyUse() throws IOException, InterruptedException {
        long asked = 0;
        long unmapped = 0;
        for (NodeProcess node : nodes.values()) {
            asked += json.readTree(get(node.httpUrl() + "/node")).path("terminology").path("serverCalls").asLong();
            unmapped += json.readTree(get(node.httpUrl() + "/terminology/unmapped")).size();
        }
        if (asked == 0) {
            LOG.error("No node asked the terminology server while ingesting; see {}", terminology.log());
            return false;
        }
        LOG.info("Terminology: nodes asked the server {} times while ingesting; {} local codes without a LOINC mapping"
                + " (GET /terminology/unmapped on each node)", asked, unmapped);
        return true;
    }

    private static String tail(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "(no log)";
        }
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    /** A new TDB2 directory each run: the region's content and concept maps are regenerated too. */
    /** Each node's audit signing key and master key live in the demo's work directory, kept across runs. */
    private static List<String> withKeyDirectory(List<String> regionProperties, Path workDir, PlatformNode node) {
        List<String> properties = new ArrayList<>(regionProperties);
        properties.add("-Drhix.node.audit.key-directory=" + workDir.resolve("keys").resolve(node.id().value()).toAbsolutePath());
        return properties;
    }

    private static Path freshTerminologyStore(Path workDir) throws IOException {
        Path store = workDir.resolve("terminology-tdb");
        deleteRecursively(store);
        return store;
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
