package rhix.terminology.client;

import java.util.List;

/** What {@code ConceptMap/$translate} found for one source code: the target codes, possibly none. */
public record Translation(String system, String code, List<Target> targets) {

    /** @param equivalence the map's FHIR R4 equivalence (equivalent, wider, narrower, …) */
    public record Target(String system, String code, String display, String equivalence) {
    }

    public Translation {
        targets = List.copyOf(targets);
    }
}
