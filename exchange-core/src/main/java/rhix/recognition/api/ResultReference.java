package rhix.recognition.api;

import rhix.region.NodeId;

/** Where an offered result lives: the node holding it and its FHIR resource id there (e.g. {@code Observation/123}). */
public record ResultReference(NodeId node, String resourceId) {
}
