package rhix.fhir.facade.store;

import java.time.Instant;

/** What the store did with one change: which version of which resource now stands, and how it came to. */
public record ChangeOutcome(String resourceType, String resourceId, int versionId, Instant lastUpdated, Kind kind) {

    public enum Kind {
        CREATED,
        UPDATED,
        /** the update carried the content already stored: no new version */
        UNCHANGED,
        DELETED,
        /** deleting a resource that was already deleted: nothing to do */
        ALREADY_DELETED,
        /** a conditional create found its match and kept it */
        MATCHED
    }
}
