package rhix.node.store;

import java.time.OffsetDateTime;
import rhix.node.store.search.SearchIndexRows;

/**
 * One new resource version to store.
 *
 * @param replacesExisting true when the store already has a version of this resource (an update)
 */
public record ResourceWrite(ResourceKey key, int versionId, OffsetDateTime lastUpdated, String contentSha256,
                            String contentJson, String producerId, String batchId, boolean replacesExisting,
                            SearchIndexRows index) {
}
