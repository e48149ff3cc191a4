package rhix.node.store;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import rhix.node.store.search.SearchIndexRows;

/**
 * FHIR resources in the node store: the current version in {@code fhir_resource}, every version in
 * {@code fhir_resource_history}, and the search index of the current version. Callers own the
 * transaction: every method takes the connection it runs on.
 */
@Singleton
public class ResourceStore {

    public Map<ResourceKey, StoredVersion> currentVersions(Connection connection, Collection<ResourceKey> keys)
            throws SQLException {
        Map<ResourceKey, StoredVersion> found = new HashMap<>();
        Map<String, List<String>> idsByType = keys.stream().collect(Collectors.groupingBy(ResourceKey::resourceType,
                Collectors.mapping(ResourceKey::resourceId, Collectors.toList())));
        for (var entry : idsByType.entrySet()) {
            // One array parameter per type: long IN lists make PostgreSQL plan every chunk anew.
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT resource_id, version_id, content_sha256, deleted, last_updated FROM fhir_resource"
                            + " WHERE resource_type = ? AND resource_id = ANY (?)")) {
                select.setString(1, entry.getKey());
                select.setArray(2, connection.createArrayOf("varchar", entry.getValue().stream().distinct().toArray()));
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        ResourceKey key = new ResourceKey(entry.getKey(), rows.getString(1));
                        found.put(key, new StoredVersion(key, rows.getInt(2), rows.getString(3), rows.getBoolean(4),
                                rows.getObject(5, java.time.OffsetDateTime.class)));
                    }
                }
            }
        }
        return found;
    }

    public void write(Connection connection, List<ResourceWrite> writes) throws SQLException {
        if (writes.isEmpty()) {
            return;
        }
        List<ResourceWrite> inserts = writes.stream().filter(w -> !w.replacesExisting()).toList();
        List<ResourceWrite> updates = writes.stream().filter(ResourceWrite::replacesExisting).toList();
        insertVersions(connection, "fhir_resource", inserts);
        updateCurrent(connection, updates);
        insertVersions(connection, "fhir_resource_history", writes);
        deleteIndex(connection, updates.stream().map(ResourceWrite::key).toList());
        insertIndex(connection, writes);
    }

    /** Inserts new rows into {@code fhir_resource} (current versions) or {@code fhir_resource_history}. */
    private static void insertVersions(Connection connection, String table, List<ResourceWrite> writes) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO " + table + " (resource_type, resource_id, version_id, last_updated, deleted,"
                        + " content_sha256, producer_id, batch_id, content) VALUES (?, ?, ?, ?, FALSE, ?, ?, ?, ?)")) {
            for (ResourceWrite write : writes) {
                insert.setString(1, write.key().resourceType());
                insert.setString(2, write.key().resourceId());
                insert.setInt(3, write.versionId());
                insert.setObject(4, write.lastUpdated().withOffsetSameInstant(ZoneOffset.UTC));
                insert.setString(5, write.contentSha256());
                insert.setString(6, write.producerId());
                insert.setString(7, write.batchId());
                insert.setString(8, write.contentJson());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void updateCurrent(Connection connection, List<ResourceWrite> writes) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE fhir_resource SET version_id = ?, last_updated = ?, deleted = FALSE, content_sha256 = ?,"
                        + " producer_id = ?, batch_id = ?, content = ? WHERE resource_type = ? AND resource_id = ?")) {
            for (ResourceWrite write : writes) {
                update.setInt(1, write.versionId());
                update.setObject(2, write.lastUpdated().withOffsetSameInstant(ZoneOffset.UTC));
                update.setString(3, write.contentSha256());
                update.setString(4, write.producerId());
                update.setString(5, write.batchId());
                update.setString(6, write.contentJson());
                update.setString(7, write.key().resourceType());
                update.setString(8, write.key().resourceId());
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    private static void deleteIndex(Connection connection, Collection<ResourceKey> keys) throws SQLException {
        if (keys.isEmpty()) {
            return;
        }
        for (String table : List.of("fhir_search_token", "fhir_search_reference", "fhir_search_date", "fhir_search_string")) {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM " + table + " WHERE resource_type = ? AND resource_id = ?")) {
                for (ResourceKey key : keys) {
                    delete.setString(1, key.resourceType());
                    delete.setString(2, key.resourceId());
                    delete.addBatch();
                }
                delete.executeBatch();
            }
        }
    }

    private static void insertIndex(Connection connection, List<ResourceWrite> writes) throws SQLException {
        try (PreparedStatement tokens = connection.prepareStatement(
                "INSERT INTO fhir_search_token (resource_type, resource_id, param_name, token_system, token_code)"
                        + " VALUES (?, ?, ?, ?, ?)");
             PreparedStatement references = connection.prepareStatement(
                     "INSERT INTO fhir_search_reference (resource_type, resource_id, param_name, target_type, target_id)"
                             + " VALUES (?, ?, ?, ?, ?)");
             PreparedStatement dates = connection.prepareStatement(
                     "INSERT INTO fhir_search_date (resource_type, resource_id, param_name, range_low, range_high)"
                             + " VALUES (?, ?, ?, ?, ?)");
             PreparedStatement strings = connection.prepareStatement(
                     "INSERT INTO fhir_search_string (resource_type, resource_id, param_name, value_normalized)"
                             + " VALUES (?, ?, ?, ?)")) {
            for (ResourceWrite write : writes) {
                String type = write.key().resourceType();
                String id = write.key().resourceId();
                SearchIndexRows index = write.index();
                for (var token : index.tokens()) {
                    bindKey(tokens, type, id, token.param());
                    tokens.setString(4, token.system());
                    tokens.setString(5, token.code());
                    tokens.addBatch();
                }
                for (var reference : index.references()) {
                    bindKey(references, type, id, reference.param());
                    references.setString(4, reference.targetType());
                    references.setString(5, reference.targetId());
                    references.addBatch();
                }
                for (var date : index.dates()) {
                    bindKey(dates, type, id, date.param());
                    setInstant(dates, 4, date.low());
                    setInstant(dates, 5, date.high());
                    dates.addBatch();
                }
                for (var text : index.strings()) {
                    bindKey(strings, type, id, text.param());
                    strings.setString(4, text.normalized());
                    strings.addBatch();
                }
            }
            tokens.executeBatch();
            references.executeBatch();
            dates.executeBatch();
            strings.executeBatch();
        }
    }

    private static void bindKey(PreparedStatement statement, String type, String id, String param) throws SQLException {
        statement.setString(1, type);
        statement.setString(2, id);
        statement.setString(3, param);
    }

    private static void setInstant(PreparedStatement statement, int index, java.time.Instant instant) throws SQLException {
        if (instant == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, instant.atOffset(ZoneOffset.UTC));
        }
    }

    /**
     * Deletes resources: each gets a new version that is a tombstone (in history too, so vread of it
     * answers 410), and leaves the search index. {@code versions} are the tombstones' version numbers.
     */
    public void delete(Connection connection, Map<ResourceKey, Integer> versions, java.time.OffsetDateTime at, String producerId,
                       String batchId) throws SQLException {
        if (versions.isEmpty()) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE fhir_resource SET version_id = ?, last_updated = ?, deleted = TRUE, content_sha256 = ?, producer_id = ?,"
                        + " batch_id = ?, content = ? WHERE resource_type = ? AND resource_id = ?");
             PreparedStatement history = connection.prepareStatement(
                     "INSERT INTO fhir_resource_history (resource_type, resource_id, version_id, last_updated, deleted,"
                             + " content_sha256, producer_id, batch_id, content) VALUES (?, ?, ?, ?, TRUE, ?, ?, ?, ?)")) {
            for (var entry : versions.entrySet()) {
                ResourceKey key = entry.getKey();
                String tombstone = "{\"resourceType\":\"" + key.resourceType() + "\",\"id\":\"" + key.resourceId() + "\"}";
                String sha256 = ContentHash.sha256(tombstone);
                update.setInt(1, entry.getValue());
                update.setObject(2, at.withOffsetSameInstant(ZoneOffset.UTC));
                update.setString(3, sha256);
                update.setString(4, producerId);
                update.setString(5, batchId);
                update.setString(6, tombstone);
                update.setString(7, key.resourceType());
                update.setString(8, key.resourceId());
                update.addBatch();
                history.setString(1, key.resourceType());
                history.setString(2, key.resourceId());
                history.setInt(3, entry.getValue());
                history.setObject(4, at.withOffsetSameInstant(ZoneOffset.UTC));
                history.setString(5, sha256);
                history.setString(6, producerId);
                history.setString(7, batchId);
                history.setString(8, tombstone);
                history.addBatch();
            }
            update.executeBatch();
            history.executeBatch();
        }
        deleteIndex(connection, versions.keySet());
    }

    /**
     * The current resources whose indexed references point at {@code target}: what would dangle if it
     * were deleted. Only references the search index holds are seen (see {@code IndexedParameters}).
     */
    public List<ResourceKey> referrers(Connection connection, ResourceKey target, Collection<String> ignoredTypes, int limit)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT DISTINCT resource_type, resource_id FROM fhir_search_reference WHERE target_type = ? AND target_id = ?"
                        + " AND NOT (resource_type = ANY (?)) ORDER BY resource_type, resource_id LIMIT " + limit)) {
            select.setString(1, target.resourceType());
            select.setString(2, target.resourceId());
            select.setArray(3, connection.createArrayOf("varchar", ignoredTypes.toArray()));
            List<ResourceKey> found = new java.util.ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.add(new ResourceKey(rows.getString(1), rows.getString(2)));
                }
            }
            return found;
        }
    }

    /** Ids of current resources of a type carrying an identifier; a null system matches any system. */
    public List<String> withIdentifier(Connection connection, String resourceType, String system, String value, int limit)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT DISTINCT r.resource_id FROM fhir_resource r JOIN fhir_search_token t ON t.resource_type = r.resource_type"
                        + " AND t.resource_id = r.resource_id WHERE r.resource_type = ? AND NOT r.deleted"
                        + " AND t.param_name = 'identifier' AND t.token_code = ?"
                        + (system == null ? "" : " AND t.token_system = ?") + " ORDER BY r.resource_id LIMIT " + limit)) {
            select.setString(1, resourceType);
            select.setString(2, value);
            if (system != null) {
                select.setString(3, system);
            }
            List<String> ids = new java.util.ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
            return ids;
        }
    }

    /** Number of current, non-deleted resources, per type. */
    public Map<String, Long> countsByType(Connection connection) throws SQLException {
        Map<String, Long> counts = new java.util.TreeMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT resource_type, count(*) FROM fhir_resource WHERE NOT deleted GROUP BY resource_type");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getLong(2));
            }
        }
        return counts;
    }

    /** Number of current, non-deleted resources: what a node reports holding. */
    public long countCurrent(Connection connection) throws SQLException {
        try (PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM fhir_resource WHERE NOT deleted");
             ResultSet rows = count.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** The current content of a resource, if stored and not deleted. */
    public java.util.Optional<String> read(Connection connection, ResourceKey key) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT content FROM fhir_resource WHERE resource_type = ? AND resource_id = ? AND NOT deleted")) {
            select.setString(1, key.resourceType());
            select.setString(2, key.resourceId());
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? java.util.Optional.of(rows.getString(1)) : java.util.Optional.empty();
            }
        }
    }

    /**
     * The producer (hospital organization code) whose batch or write stored the current version of each
     * resource that has one; resources without a producer, or not stored, are absent.
     */
    public Map<ResourceKey, String> producers(Connection connection, Collection<ResourceKey> keys) throws SQLException {
        Map<ResourceKey, String> found = new HashMap<>();
        Map<String, List<String>> idsByType = keys.stream().collect(Collectors.groupingBy(ResourceKey::resourceType,
                Collectors.mapping(ResourceKey::resourceId, Collectors.toList())));
        for (var entry : idsByType.entrySet()) {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT resource_id, producer_id FROM fhir_resource WHERE resource_type = ? AND resource_id = ANY (?)"
                            + " AND producer_id IS NOT NULL")) {
                select.setString(1, entry.getKey());
                select.setArray(2, connection.createArrayOf("varchar", entry.getValue().stream().distinct().toArray()));
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        found.put(new ResourceKey(entry.getKey(), rows.getString(1)), rows.getString(2));
                    }
                }
            }
        }
        return found;
    }
}
