package rhix.synthetic;

import java.io.IOException;
import org.hl7.fhir.r4.model.ConceptMap;

/**
 * Where a generated region goes. Calls come in a fixed order: {@link #begin}, then for each
 * hospital its concept map, then resources (each hospital's in dependency order: every reference
 * points to a resource given earlier for that hospital, its Organization first) interleaved with
 * ground-truth rows, then {@link #close} (which {@link SyntheticRegion#generate} calls).
 */
public interface RegionSink extends AutoCloseable {

    void begin(RegionLayout layout, RegionSpec spec) throws IOException;

    void conceptMap(Hospital hospital, ConceptMap conceptMap) throws IOException;

    void resource(Hospital hospital, SyntheticResource resource) throws IOException;

    void groundTruth(GroundTruthRow row) throws IOException;

    @Override
    void close() throws IOException;
}
