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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rhix.fhir.RhixNamingSystems;
import rhix.fhir.facade.security.TokenRequest;
import rhix.synthetic.GroundTruthRow;

/**
 * The README's MPI examples, tried against the running region and its ground truth: PIXm from a person's
 * resident ID must list a hospital patient number for each of their records, and {@code $match} with one
 * of their Patient resources, as a node serves it, must answer with the same enterprise identity, graded certain.
 */
final class MpiDemoCheck {

    private static final Logger LOG = LoggerFactory.getLogger(MpiDemoCheck.class);
    /** Every hospital's patient-number system starts so ({@link RhixNamingSystems#hospitalPatientIds}). */
    private static final String HOSPITAL_NUMBERS = RhixNamingSystems.hospitalPatientIds("").replace("/patient", "");

    private final HttpClient http;
    private final MpiProcess mpi;
    private final RegionTokenAuthority authority;
    private final Map<String, NodeProcess> nodes;
    private final IParser json = FhirContext.forR4Cached().newJsonParser();

    MpiDemoCheck(HttpClient http, MpiProcess mpi, RegionTokenAuthority authority, Map<String, NodeProcess> nodes) {
        this.http = http;
        this.mpi = mpi;
        this.authority = authority;
        this.nodes = nodes;
    }

    boolean run(Path groundTruth) throws IOException, InterruptedException {
        List<GroundTruthRow> person = personAtSeveralNodes(groundTruth);
        String token = authority.issuer().sign(TokenRequest.of("demo-check", "user/Patient.rs", "TREAT").withClientId("demo-region"));
        String residentId = person.getFirst().trueResidentId();

        HttpResponse<String> pix = http.send(HttpRequest.newBuilder(URI.create(mpi.fhirBaseUrl() + "/Patient/$ihe-pix?sourceIdentifier="
                        + URLEncoder.encode(RhixNamingSystems.RESIDENT_ID + "|" + residentId, StandardCharsets.UTF_8)))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (pix.statusCode() != 200) {
            LOG.error("PIXm check failed: HTTP {}: {}", pix.statusCode(), pix.body());
            return false;
        }
        Parameters cross = json.parseResource(Parameters.class, pix.body());
        long hospitalNumbers = cross.getParameter().stream().filter(p -> p.getName().equals("targetIdentifier"))
                .map(p -> (Identifier) p.getValue())
                .filter(identifier -> identifier.getSystem().startsWith(HOSPITAL_NUMBERS))
                .count();
        String enterpriseId = cross.getParameter().stream().filter(p -> p.getName().equals("targetId"))
                .map(p -> ((Reference) p.getValue()).getReferenceElement().getIdPart()).findFirst().orElse(null);
        if (hospitalNumbers != person.size() || enterpriseId == null) {
            LOG.error("PIXm check failed: person {} has {} records, PIXm listed {} hospital patient numbers (enterprise id {})",
                    person.getFirst().personKey(), person.size(), hospitalNumbers, enterpriseId);
            return false;
        }

        GroundTruthRow record = person.getLast();
        HttpResponse<String> local = http.send(HttpRequest.newBuilder(URI.create(nodes.get(record.nodeId()).fhirBaseUrl()
                        + "/Patient/" + record.patientResourceId())).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        Parameters probe = new Parameters();
        probe.addParameter().setName("resource").setResource(json.parseResource(Patient.class, local.body()));
        HttpResponse<String> match = http.send(HttpRequest.newBuilder(URI.create(mpi.fhirBaseUrl() + "/Patient/$match"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(json.encodeResourceToString(probe))).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (match.statusCode() != 200) {
            LOG.error("$match check failed: HTTP {}: {}", match.statusCode(), match.body());
            return false;
        }
        Bundle matches = json.parseResource(Bundle.class, match.body());
        Bundle.BundleEntryComponent best = matches.getEntry().stream()
                .filter(entry -> entry.getSearch().getMode() == Bundle.SearchEntryMode.MATCH).findFirst().orElse(null);
        String grade = best == null ? null : best.getSearch().getExtensionString("http://hl7.org/fhir/StructureDefinition/match-grade");
        if (best == null || !enterpriseId.equals(best.getResource().getIdElement().getIdPart()) || !"certain".equals(grade)) {
            LOG.error("$match check failed: want {} graded certain, got {}", enterpriseId, best == null ? "no match"
                    : best.getResource().getIdElement().getIdPart() + " graded " + grade);
            return false;
        }
        LOG.info("MPI check: PIXm from resident ID {} lists the {} hospital patient numbers of enterprise identity {};"
                + " $match with {}/Patient/{} finds it, certain (score {})", residentId, hospitalNumbers, enterpriseId,
                record.nodeId(), record.patientResourceId(), best.getSearch().getScore());
        return true;
    }

    /** The first person of the ground truth with records at two or more nodes. */
    private static List<GroundTruthRow> personAtSeveralNodes(Path groundTruth) throws IOException {
        Map<Long, List<GroundTruthRow>> byPerson = new LinkedHashMap<>();
        try (Stream<String> lines = Files.lines(groundTruth)) {
            lines.skip(1).map(GroundTruthRow::parseCsv)
                    .forEach(row -> byPerson.computeIfAbsent(row.personKey(), key -> new java.util.ArrayList<>()).add(row));
        }
        return byPerson.values().stream()
                .filter(rows -> rows.stream().map(GroundTruthRow::nodeId).distinct().count() > 1)
                .findFirst().orElseThrow(() -> new IllegalStateException("nobody in the region was treated at two nodes"));
    }
}
