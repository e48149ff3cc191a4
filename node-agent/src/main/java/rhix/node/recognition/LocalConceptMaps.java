package rhix.node.recognition;

import ca.uhn.fhir.context.FhirContext;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.Enumerations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Local code → LOINC mappings read from ConceptMap files ({@code rhix.node.recognition.concept-maps}: a directory
 * such as the synthetic region generator's {@code conceptmaps/}), for a node without a terminology server.
 * Only equivalent and equal mappings count: a wider or narrower code is not the same test.
 */
@Singleton
public class LocalConceptMaps {

    private static final Logger LOG = LoggerFactory.getLogger(LocalConceptMaps.class);
    private static final String LOINC = "http://loinc.org";

    private final Map<String, String> loincBySourceCoding;
    private final Map<String, List<String>> sourceCodingsByLoinc;

    public LocalConceptMaps(RecognitionConfiguration configuration, FhirContext fhirContext) {
        this.loincBySourceCoding = configuration.conceptMaps() == null ? Map.of() : load(configuration.conceptMaps(), fhirContext);
        Map<String, List<String>> reverse = new HashMap<>();
        loincBySourceCoding.forEach((source, loinc) -> reverse.computeIfAbsent(loinc, key -> new java.util.ArrayList<>()).add(source));
        reverse.values().forEach(java.util.Collections::sort);
        this.sourceCodingsByLoinc = Map.copyOf(reverse);
    }

    public Optional<String> loincFor(String system, String code) {
        return Optional.ofNullable(loincBySourceCoding.get(system + "|" + code));
    }

    /**
     * The local codes ({@code system|code}) that map to a LOINC code: how a provider finds its own results, stored
     * under its hospitals' codes, when a requester asks in LOINC.
     */
    public List<String> sourceCodingsFor(String loinc) {
        return sourceCodingsByLoinc.getOrDefault(loinc, List.of());
    }

    private static Map<String, String> load(Path directory, FhirContext fhirContext) {
        Map<String, String> mappings = new HashMap<>();
        List<Path> files;
        try (Stream<Path> listed = Files.list(directory)) {
            files = listed.filter(file -> file.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("rhix.node.recognition.concept-maps: cannot list " + directory, e);
        }
        for (Path file : files) {
            ConceptMap map;
            try {
                map = fhirContext.newJsonParser().parseResource(ConceptMap.class, Files.readString(file, StandardCharsets.UTF_8));
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException("rhix.node.recognition.concept-maps: " + file + " is not a FHIR ConceptMap: " + e.getMessage(), e);
            }
            for (ConceptMap.ConceptMapGroupComponent group : map.getGroup()) {
                if (!LOINC.equals(group.getTarget())) {
                    continue;
                }
                for (ConceptMap.SourceElementComponent element : group.getElement()) {
                    element.getTarget().stream()
                            .filter(target -> target.getEquivalence() == Enumerations.ConceptMapEquivalence.EQUIVALENT
                                    || target.getEquivalence() == Enumerations.ConceptMapEquivalence.EQUAL)
                            .findFirst()
                            .ifPresent(target -> mappings.put(group.getSource() + "|" + element.getCode(), target.getCode()));
                }
            }
        }
        LOG.info("{} local code mapping(s) to LOINC from {} ConceptMap file(s) in {}", mappings.size(), files.size(), directory);
        return Map.copyOf(mappings);
    }
}
