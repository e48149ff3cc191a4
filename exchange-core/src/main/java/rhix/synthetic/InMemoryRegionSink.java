package rhix.synthetic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.Resource;

/** Keeps a (small) region in memory, for tests. */
public final class InMemoryRegionSink implements RegionSink {

    private final Map<String, List<Resource>> resourcesByHospital = new LinkedHashMap<>();
    private final Map<String, ConceptMap> conceptMaps = new LinkedHashMap<>();
    private final List<GroundTruthRow> groundTruth = new ArrayList<>();
    private RegionLayout layout;

    @Override
    public void begin(RegionLayout regionLayout, RegionSpec spec) {
        this.layout = regionLayout;
    }

    @Override
    public void conceptMap(Hospital hospital, ConceptMap conceptMap) {
        conceptMaps.put(hospital.organizationCode(), conceptMap);
    }

    @Override
    public void resource(Hospital hospital, Resource resource) {
        resourcesByHospital.computeIfAbsent(hospital.organizationCode(), code -> new ArrayList<>()).add(resource);
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

    public Map<String, List<Resource>> resourcesByHospital() {
        return resourcesByHospital;
    }

    public Map<String, ConceptMap> conceptMaps() {
        return conceptMaps;
    }

    public List<GroundTruthRow> groundTruth() {
        return groundTruth;
    }
}
