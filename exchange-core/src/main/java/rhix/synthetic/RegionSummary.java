package rhix.synthetic;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import rhix.region.NodeId;

/**
 * What a generation run produced: counts per hospital (in layout order) and how much identity
 * noise went into the records.
 *
 * @param laterRecords      patient records after a person's first (the ones noise may hit)
 * @param noisyLaterRecords those of them that carry identity noise
 * @param noise             records per kind of noise (a record may carry two kinds)
 */
public record RegionSummary(long persons, List<HospitalTally> hospitals, Map<NoiseKind, Long> noise, long laterRecords,
                            long noisyLaterRecords) {

    public record HospitalTally(Hospital hospital, long patients, long resources) {
    }

    /** A node's hospitals added up. */
    public record NodeTally(NodeId node, int hospitals, long patients, long resources) {
    }

    public RegionSummary {
        hospitals = List.copyOf(hospitals);
        noise = Map.copyOf(noise);
    }

    public long resources() {
        return hospitals.stream().mapToLong(HospitalTally::resources).sum();
    }

    public long patientRecords() {
        return hospitals.stream().mapToLong(HospitalTally::patients).sum();
    }

    /** Per node, in layout order. */
    public List<NodeTally> byNode() {
        Map<NodeId, NodeTally> nodes = new LinkedHashMap<>();
        for (HospitalTally tally : hospitals) {
            nodes.merge(tally.hospital().node(), new NodeTally(tally.hospital().node(), 1, tally.patients(), tally.resources()),
                    (a, b) -> new NodeTally(a.node(), a.hospitals() + b.hospitals(), a.patients() + b.patients(),
                            a.resources() + b.resources()));
        }
        return List.copyOf(nodes.values());
    }

    /** Share of later records with identity noise: should be close to {@link RegionSpec#noiseRate()}. */
    public double observedNoiseRate() {
        return laterRecords == 0 ? 0 : (double) noisyLaterRecords / laterRecords;
    }
}
