package rhix.node.store;

import java.time.OffsetDateTime;

/** What the store holds now for a resource: enough to decide whether a write changes anything. */
public record StoredVersion(ResourceKey key, int versionId, String contentSha256, boolean deleted, OffsetDateTime lastUpdated) {
}
