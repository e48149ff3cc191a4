package rhix.deploy.demo;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rhix.fhir.facade.security.TokenRequest;
import rhix.recognition.rules.RecognitionRules;
import rhix.synthetic.GroundTruthRow;

/**
 * The README's mutual-recognition example, tried on the running region: for people treated at two or more nodes,
 * a node asks {@code Patient/[id]/$recognizable-results} for the rule table's tests; the answer must carry results
 * from another node, each with a verdict, and the asking node's audit chain must verify afterwards.
 */
final class RecognitionDemoCheck {

    private static final Logger LOG = LoggerFactory.getLogger(RecognitionDemoCheck.class);
    private static final String VERDICT = "http://rhix.org/fhir/StructureDefinition/recognition-verdict";
    /** People tried until one has results elsewhere: most have, the first few may not. */
    private static final int PEOPLE_TRIED = 25;

    private final HttpClient http;
    private final RegionTokenAuthority authority;
    private final Map<String, NodeProcess> nodes;
    private final IParser json = FhirContext.forR4Cached().newJsonParser();

    RecognitionDemoCheck(HttpClient http, RegionTokenAuthority authority, Map<String, NodeProcess> nodes) {
        this.http = http;
        this.authority = authority;
        this.nodes = nodes;
    }

    boolean run(Path groundTruth) throws IOException, InterruptedException {
        String token = authority.issuer().sign(TokenRequest.of("dr-li", "user/Observation.rs", "TREAT").withClientId("demo-region"));
        String codes = RecognitionRules.load().all().stream()
                .filter(rule -> rule.item().system().equals("http://loinc.org"))
                .map(rule -> rule.item().system() + "|" + rule.item().code())
                .collect(Collectors.joining(","));
        List<List<GroundTruthRow>> people = peopleAtSeveralNodes(groundTruth);
        Asked shown = null;
        for (List<GroundTruthRow> person : people) {
            GroundTruthRow asker = person.getFirst();
            NodeProcess node = nodes.get(asker.nodeId());
            String url = node.fhirBaseUrl() + "/Patient/" + asker.patientResourceId() + "/$recognizable-results?code="
                    + URLEncoder.encode(codes, StandardCharsets.UTF_8);
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                    .header("Accept", "application/fhir+json").timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                LOG.error("Mutual recognition check failed: {} answered HTTP {}: {}", url, answer.statusCode(), answer.body());
                return false;
            }
            Asked asked = new Asked(asker, node, json.parseResource(Bundle.class, answer.body()));
            if (!asked.results().isEmpty() && (shown == null || asked.recognised() > shown.recognised())) {
                shown = asked;
            }
            // Most of the generated history is older than the labs' windows: look on a little for a recognised one.
            if (shown != null && shown.recognised() > 0) {
                break;
            }
        }
        if (shown == null) {
            LOG.error("Mutual recognition check failed: none of the first {} people treated at several nodes got a result offered"
                    + " from another node; see the node logs", people.size());
            return false;
        }
        if (!auditChainValid(shown.node())) {
            return false;
        }
        Map<String, Long> verdicts = new TreeMap<>(shown.results().stream().collect(Collectors.groupingBy(this::verdictOf, Collectors.counting())));
        String ending = shown.bundle().getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(OperationOutcome.class::isInstance).map(OperationOutcome.class::cast)
                .flatMap(outcome -> outcome.getIssue().stream()).map(OperationOutcome.OperationOutcomeIssueComponent::getDiagnostics)
                .findFirst().orElse("(no outcome)");
        GroundTruthRow asker = shown.asker();
        LOG.info("Mutual recognition check: {}/Patient/{}/$recognizable-results (exchange {}) offered {} result(s) from {}: {}; {};"
                        + " {}'s audit chain verifies", asker.nodeId(), asker.patientResourceId(), shown.bundle().getIdentifier().getValue(),
                shown.results().size(), shown.results().stream().map(entry -> entry.getResource().getMeta().getSource()).distinct().toList(),
                verdicts, ending, asker.nodeId());
        LOG.info("Try it: TOKEN=$(./deploy/demo-token.sh --sub dr-li --scope 'user/Observation.rs' --purpose TREAT); "
                + "curl -s -H \"Authorization: Bearer $TOKEN\" '{}/Patient/{}/$recognizable-results?code=http://loinc.org|718-7'",
                shown.node().fhirBaseUrl(), asker.patientResourceId());
        return true;
    }

    /** One question and its answer: the entries that carry a verdict, and how many were recognised. */
    private record Asked(GroundTruthRow asker, NodeProcess node, Bundle bundle) {

        List<Bundle.BundleEntryComponent> results() {
            return bundle.getEntry().stream().filter(entry -> entry.hasExtension(VERDICT)).toList();
        }

        long recognised() {
            return results().stream().filter(entry -> "RECOGNISED".equals(entry.getExtensionByUrl(VERDICT).getExtensionString("verdict")))
                    .count();
        }
    }

    private String verdictOf(Bundle.BundleEntryComponent entry) {
        Extension verdict = entry.getExtensionByUrl(VERDICT);
        String decided = verdict.getExtensionString("verdict");
        String reason = verdict.getExtensionString("reason");
        return reason == null ? decided : decided + " (" + reason + ")";
    }

    private boolean auditChainValid(NodeProcess node) throws IOException, InterruptedException {
        HttpResponse<String> chain = http.send(HttpRequest.newBuilder(URI.create(node.httpUrl() + "/audit/chain"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        if (chain.statusCode() != 200 || !chain.body().contains("\"VALID\"")) {
            LOG.error("Audit chain check on {} failed: HTTP {}: {}", node.node().id(), chain.statusCode(), chain.body());
            return false;
        }
        return true;
    }

    /** People of the ground truth with records at two or more nodes, in its order. */
    private static List<List<GroundTruthRow>> peopleAtSeveralNodes(Path groundTruth) throws IOException {
        Map<Long, List<GroundTruthRow>> byPerson = new LinkedHashMap<>();
        try (Stream<String> lines = Files.lines(groundTruth)) {
            lines.skip(1).map(GroundTruthRow::parseCsv)
                    .forEach(row -> byPerson.computeIfAbsent(row.personKey(), key -> new ArrayList<>()).add(row));
        }
        return byPerson.values().stream()
                .filter(rows -> rows.stream().map(GroundTruthRow::nodeId).distinct().count() > 1)
                .limit(PEOPLE_TRIED).toList();
    }
}
