package rhix.fhir.facade.store;

import java.time.Instant;

/** One version of a resource as the node keeps it: the source's JSON, with version and time beside it. */
public record StoredResource(String resourceType, String resourceId, int versionId, Instant lastUpdated, boolean deleted,
                             String json) {
}
