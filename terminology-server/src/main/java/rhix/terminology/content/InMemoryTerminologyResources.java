package rhix.terminology.content;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.ValueSet;

/**
 * Terminology held in memory: for tests and for the demo until the TDB2 store lands. "Newest version" is the
 * one added last, which is what a loader that adds versions in order gives.
 */
public final class InMemoryTerminologyResources implements TerminologyResources {

    private final List<CodeSystem> codeSystems = new CopyOnWriteArrayList<>();
    private final List<ValueSet> valueSets = new CopyOnWriteArrayList<>();
    private final List<ConceptMap> conceptMaps = new CopyOnWriteArrayList<>();

    public InMemoryTerminologyResources add(MetadataResource resource) {
        switch (resource) {
            case CodeSystem codeSystem -> codeSystems.add(codeSystem);
            case ValueSet valueSet -> valueSets.add(valueSet);
            case ConceptMap conceptMap -> conceptMaps.add(conceptMap);
            default -> throw new IllegalArgumentException("not terminology: " + resource.fhirType());
        }
        return this;
    }

    @Override
    public Optional<CodeSystem> codeSystem(String url, String version) {
        return find(codeSystems, url, version);
    }

    @Override
    public Optional<ValueSet> valueSet(String url, String version) {
        return find(valueSets, url, version);
    }

    @Override
    public Optional<ConceptMap> conceptMap(String url, String version) {
        return find(conceptMaps, url, version);
    }

    @Override
    public List<ConceptMap> conceptMapsFor(String sourceOrTargetUrl) {
        return conceptMaps.stream().filter(map -> sourceOrTargetUrl.equals(map.hasSourceUriType() ? map.getSourceUriType().getValue()
                        : map.hasSourceCanonicalType() ? map.getSourceCanonicalType().getValue() : null)
                || sourceOrTargetUrl.equals(map.hasTargetUriType() ? map.getTargetUriType().getValue()
                        : map.hasTargetCanonicalType() ? map.getTargetCanonicalType().getValue() : null)
                || map.getGroup().stream().anyMatch(group -> sourceOrTargetUrl.equals(group.getSource()) || sourceOrTargetUrl.equals(group.getTarget())))
                .toList();
    }

    @Override
    public List<HeldVersion> versions() {
        List<HeldVersion> held = new ArrayList<>();
        codeSystems.forEach(cs -> held.add(new HeldVersion("CodeSystem", cs.getUrl(), cs.getVersion())));
        valueSets.forEach(vs -> held.add(new HeldVersion("ValueSet", vs.getUrl(), vs.getVersion())));
        conceptMaps.forEach(cm -> held.add(new HeldVersion("ConceptMap", cm.getUrl(), cm.getVersion())));
        held.sort(Comparator.comparing(HeldVersion::resourceType).thenComparing(HeldVersion::url));
        return held;
    }

    private static <T extends MetadataResource> Optional<T> find(List<T> held, String url, String version) {
        T found = null;
        for (T resource : held) {
            if (url.equals(resource.getUrl()) && (version == null || Objects.equals(version, resource.getVersion()))) {
                found = resource; // the last added wins when no version is asked for
            }
        }
        return Optional.ofNullable(found);
    }
}
