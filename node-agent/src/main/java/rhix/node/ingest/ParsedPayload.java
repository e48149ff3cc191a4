package rhix.node.ingest;

import java.util.List;

/** A payload split into resources, with the parts that could not be read as FHIR. */
public record ParsedPayload(List<IncomingResource> resources, List<IngestProblem> problems) {

    public ParsedPayload {
        resources = List.copyOf(resources);
        problems = List.copyOf(problems);
    }
}
