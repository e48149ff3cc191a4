package rhix.synthetic;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.Resource;

/** Keeps a (small) region in memory, for tests and benchmarks that feed it elsewhere. */
public final class InMemoryRegionSink implements RegionSink {

    private final Map<String, List<SyntheticResource>> recordsByHospital = new LinkedHashMap<>();
    private final Map<String, ConceptMap> conceptMaps = new LinkedHashMap<>();
    private final List<GroundTruthRow> groundTruth = new ArrayList<>();
    private Map<String, List<Resource>> resourcesByHospital;
    private RegionLayout layout;
    private RegionSpec spec;

    @Override
    public void begin(RegionLayout regionLayout, RegionSpec regionSpec) {
        this.layout = regionLayout;
        this.spec = regionSpec;
    }

    @Override
    public void conceptMap(Hospital hospital, ConceptMap conceptMap) {
        conceptMaps.put(hospital.organizationCode(), conceptMap);
    }

    @Override
    public void resource(Hospital hospital, SyntheticResource resource) {
        recordsByHospital.computeIfAbsent(hospital.organizationCode(), code -> new ArrayList<>()).add(resource);
        resourcesByHospital = null;
    }

    @Override
    public void groundTruth(GroundTruthRow row) {
        groundTruth.add(row);
    }

    @Override
    public void close() {
    }

    public RegionLayout layout() {
        return layout;
    }

    public RegionSpec spec() {
        return spec;
    }

    /** Each hospital's resources in the order generated, keyed by organization code. */
    public Map<String, List<SyntheticResource>> recordsByHospital() {
        return Collections.unmodifiableMap(recordsByHospital);
    }

    /** The same as HAPI model objects (parsed once, on every core, on first call; order kept). */
    public Map<String, List<Resource>> resourcesByHospital() {
        if (resourcesByHospital == null) {
            Map<String, List<Resource>> parsed = new LinkedHashMap<>();
            recordsByHospital.forEach((code, records) ->
                    parsed.put(code, records.parallelStream().map(SyntheticResource::toFhir).toList()));
            resourcesByHospital = Collections.unmodifiableMap(parsed);
        }
        return resourcesByHospital;
    }

    public Map<String, ConceptMap> conceptMaps() {
        return Collections.unmodifiableMap(conceptMaps);
    }

    public List<GroundTruthRow> groundTruth() {
        return Collections.unmodifiableList(groundTruth);
    }
}
