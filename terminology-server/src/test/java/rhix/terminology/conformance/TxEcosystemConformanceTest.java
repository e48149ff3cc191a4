package rhix.terminology.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.utilities.http.ManagedWebAccess;
import org.hl7.fhir.utilities.json.model.JsonObject;
import org.hl7.fhir.utilities.json.parser.JsonParser;
import org.hl7.fhir.validation.special.TxTester;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rhix.terminology.api.fhir.TerminologyFhirServer;

/**
 * The HL7 terminology ecosystem suite ({@code ../shared/conformance/tx-ecosystem}), mode {@code general}
 * plus the metadata tests, run by the HL7 validator's own TxTester against this server over HTTP; the
 * suite's content reaches the server as {@code tx-resource} parameters, so no package is downloaded.
 * Writes {@code target/conformance/tx-ecosystem.json}.
 */
@Tag("conformance")
class TxEcosystemConformanceTest {

    private static final Logger LOG = LoggerFactory.getLogger(TxEcosystemConformanceTest.class);
    private static final Path SUITE = Path.of("..", "shared", "conformance", "tx-ecosystem");
    private static final Set<String> MODES = Set.of("general");
    /** Passed in the run that set it: a change that loses a passing test fails the build. */
    static final int PASSED_FLOOR = 564;

    @Test
    void generalTestsPassAtLeastAsBeforeAndMetadataPasses() throws Exception {
        Path suite = locateSuite();
        // The suite brings its own content with every request (tx-resource): the store starts empty.
        try (ApplicationContext context = ApplicationContext.run(Map.of("rhix.terminology.fhir.port", 0,
                "rhix.terminology.fhir.host", "127.0.0.1", "rhix.terminology.fhir.security.enabled", false,
                "rhix.terminology.store.path", "", "rhix.terminology.store.load-shipped-content", false,
                "rhix.terminology.sparql.enabled", false))) {
            String base = context.getBean(TerminologyFhirServer.class).baseUrl();
            // The core library's HTTP client refuses plain http to a local address unless told otherwise.
            ManagedWebAccess.setSsrfProtectionEnabled(false);
            TxTester.InternalTxLoader loader = new TxTester.InternalTxLoader(suite.toAbsolutePath().toString());
            Path output = Path.of("target", "conformance");
            Files.createDirectories(output);
            TxTester tester = new TxTester(loader, base, false, null, "4.0").setOutput(output.resolve("tx-output").toAbsolutePath().toString());
            JsonObject tests = JsonParser.parseObject(Files.readAllBytes(suite.resolve("test-cases.json")));

            int passed = 0;
            int skipped = 0;
            List<String> failures = new ArrayList<>();
            List<String> metadataFailures = new ArrayList<>();
            for (JsonObject testSuite : tests.getJsonObjects("suites")) {
                boolean metadata = "metadata".equals(testSuite.asString("name"));
                for (JsonObject test : testSuite.getJsonObjects("tests")) {
                    String name = testSuite.asString("name") + "/" + test.asString("name");
                    if (!metadata && !inGeneralMode(testSuite, test)) {
                        continue; // other modes (tx.fhir.org, snomed, ...) are not part of this run
                    }
                    if (testSuite.asBoolean("disabled") || test.asBoolean("disabled")) {
                        skipped++;
                        continue;
                    }
                    String failure;
                    try {
                        failure = tester.executeTest(loader, testSuite, test, MODES);
                    } catch (Exception | Error e) {
                        failure = e.toString();
                    }
                    if ("n/a".equals(failure)) {
                        skipped++;
                    } else if (failure == null) {
                        passed++;
                    } else {
                        failures.add(name);
                        if (metadata) {
                            metadataFailures.add(name + ": " + failure);
                        }
                        LOG.info("tx-ecosystem {} failed: {}", name, failure);
                    }
                }
            }
            writeResult(output.resolve("tx-ecosystem.json"), passed, failures, skipped);
            LOG.info("tx-ecosystem general: {} passed, {} failed, {} skipped", passed, failures.size(), skipped);
            assertThat(metadataFailures).as("metadata and term-caps").isEmpty();
            assertThat(passed).as("tx-ecosystem general tests passed (floor)").isGreaterThanOrEqualTo(PASSED_FLOOR);
        }
    }

    /** A test is in mode general when its suite is (or names no mode) and the test itself names no other mode. */
    private static boolean inGeneralMode(JsonObject suite, JsonObject test) {
        String suiteMode = suite.has("mode") ? suite.asString("mode") : "general";
        if (!"general".equals(suiteMode)) {
            return false;
        }
        return !test.has("mode") || "general".equals(test.asString("mode"));
    }

    private static void writeResult(Path file, int passed, List<String> failures, int skipped) throws Exception {
        JsonObject result = new JsonObject();
        result.add("passed", passed);
        result.add("failed", failures.size());
        result.add("skipped", skipped);
        org.hl7.fhir.utilities.json.model.JsonArray names = new org.hl7.fhir.utilities.json.model.JsonArray();
        failures.forEach(names::add);
        result.add("failures", names);
        Files.writeString(file, JsonParser.compose(result, true));
    }

    private static Path locateSuite() {
        // The module directory is the working directory under Maven; ../shared sits beside the project root.
        for (Path candidate : List.of(Path.of("..", "..", "shared", "conformance", "tx-ecosystem"), SUITE)) {
            if (Files.isRegularFile(candidate.resolve("test-cases.json"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("the tx-ecosystem suite is not at ../shared/conformance/tx-ecosystem beside the project root");
    }
}
