package rhix.node.fhir;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import rhix.fhir.facade.store.IncludeRequest;
import rhix.fhir.facade.store.ResourceKey;
import rhix.fhir.facade.store.ResourceRepository;
import rhix.fhir.facade.store.SearchCriterion;
import rhix.fhir.facade.store.SortOrder;
import rhix.fhir.facade.store.StoredResource;
import rhix.fhir.facade.store.ResourceChange;
import rhix.fhir.facade.store.WriteResult;
import rhix.node.ingest.FhirWriteService;

/**
 * The facade's view of the node store: reads from {@code fhir_resource}/{@code fhir_resource_history},
 * searches as one SQL statement over the index tables ({@link SearchStatement}), never by loading
 * resources and filtering them in memory; includes through the reference index, a page at a time.
 */
@Singleton
public class JdbcResourceRepository implements ResourceRepository {

    private static final String COLUMNS = "resource_type, resource_id, version_id, last_updated, deleted, content";

    private final DataSource dataSource;
    private final FhirWriteService writes;

    public JdbcResourceRepository(DataSource dataSource, FhirWriteService writes) {
        this.dataSource = dataSource;
        this.writes = writes;
    }

    @Override
    public WriteResult apply(List<ResourceChange> changes, String writer) {
        return writes.apply(changes, writer);
    }

    @Override
    public Optional<StoredResource> read(String resourceType, String resourceId) {
        return query("SELECT " + COLUMNS + " FROM fhir_resource WHERE resource_type = ? AND resource_id = ?",
                List.of(resourceType, resourceId)).stream().findFirst();
    }

    @Override
    public Optional<StoredResource> readVersion(String resourceType, String resourceId, int versionId) {
        return query("SELECT " + COLUMNS + " FROM fhir_resource_history WHERE resource_type = ? AND resource_id = ?"
                + " AND version_id = ?", List.of(resourceType, resourceId, versionId)).stream().findFirst();
    }

    @Override
    public List<StoredResource> history(String resourceType, String resourceId) {
        return query("SELECT " + COLUMNS + " FROM fhir_resource_history WHERE resource_type = ? AND resource_id = ?"
                + " ORDER BY version_id DESC", List.of(resourceType, resourceId));
    }

    @Override
    public List<String> search(String resourceType, List<SearchCriterion> criteria, List<SortOrder> order, int limit) {
        // A set: a resource that gained its sort date between the two statements of a date sort is listed once.
        java.util.SequencedSet<String> ids = new java.util.LinkedHashSet<>();
        try (Connection connection = dataSource.getConnection()) {
            for (SearchStatement.Part part : SearchStatement.of(resourceType, criteria, order).parts()) {
                if (ids.size() >= limit) {
                    break;
                }
                try (PreparedStatement select = connection.prepareStatement(part.sql() + " LIMIT " + (limit - ids.size()))) {
                    bind(select, part.arguments());
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            ids.add(rows.getString(1));
                        }
                    }
                }
            }
            return List.copyOf(ids);
        } catch (SQLException e) {
            throw new StoreUnavailableException(e);
        }
    }

    /**
     * One statement per include: the reference index rows of the page's resources ({@code _include}) or
     * pointing at them ({@code _revinclude}), joined to the current versions they name.
     */
    @Override
    public List<StoredResource> readIncluded(IncludeRequest include, String resourceType, List<String> resourceIds, int limit) {
        if (resourceIds.isEmpty()) {
            return List.of();
        }
        String reached = include.reverse()
                ? "SELECT DISTINCT i.resource_type, i.resource_id FROM fhir_search_reference i WHERE i.resource_type = ?"
                        + " AND i.param_name = ? AND i.target_id = ANY (?) AND i.target_type = ?"
                : "SELECT DISTINCT i.target_type AS resource_type, i.target_id AS resource_id FROM fhir_search_reference i"
                        + " WHERE i.resource_type = ? AND i.param_name = ? AND i.resource_id = ANY (?)"
                        + (include.targetType() != null ? " AND i.target_type = ?" : "");
        String sql = "SELECT " + qualified("r") + " FROM fhir_resource r JOIN (" + reached + ") reached"
                + " ON r.resource_type = reached.resource_type AND r.resource_id = reached.resource_id"
                + " WHERE NOT r.deleted ORDER BY r.resource_type, r.resource_id LIMIT " + limit;
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, include.sourceType());
            select.setString(2, include.parameter());
            select.setArray(3, connection.createArrayOf("varchar", resourceIds.toArray()));
            String targetType = include.reverse() ? resourceType : include.targetType();
            if (targetType != null) {
                select.setString(4, targetType);
            }
            List<StoredResource> found = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.add(map(rows));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new StoreUnavailableException(e);
        }
    }

    private static String qualified(String alias) {
        return java.util.Arrays.stream(COLUMNS.split(", ")).map(column -> alias + "." + column)
                .collect(java.util.stream.Collectors.joining(", "));
    }

    @Override
    public List<ResourceKey> everything(String patientId, Set<String> types, Set<String> referencedTypes, int limit) {
        // The compartment: what names the patient as patient or subject (access logs excepted); then what
        // those name among the referenced types; the Patient itself first. Deleted resources never.
        String sql = """
                WITH compartment AS (
                    SELECT DISTINCT i.resource_type, i.resource_id FROM fhir_search_reference i
                    JOIN fhir_resource r ON r.resource_type = i.resource_type AND r.resource_id = i.resource_id AND NOT r.deleted
                    WHERE i.target_type = 'Patient' AND i.target_id = ? AND i.param_name IN ('patient', 'subject')
                      AND i.resource_type <> 'AuditEvent'),
                referenced AS (
                    SELECT DISTINCT i.target_type AS resource_type, i.target_id AS resource_id FROM fhir_search_reference i
                    JOIN compartment c ON c.resource_type = i.resource_type AND c.resource_id = i.resource_id
                    JOIN fhir_resource r ON r.resource_type = i.target_type AND r.resource_id = i.target_id AND NOT r.deleted
                    WHERE i.target_type = ANY (?)),
                record AS (
                    SELECT 0 AS part, 'Patient' AS resource_type, CAST(? AS VARCHAR(64)) AS resource_id
                    UNION ALL SELECT 1, resource_type, resource_id FROM compartment
                    UNION ALL SELECT 2, resource_type, resource_id FROM referenced)
                SELECT resource_type, resource_id FROM record
                """ + (types.isEmpty() ? "" : " WHERE resource_type = ANY (?)")
                + " ORDER BY part, resource_type, resource_id LIMIT " + limit;
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, patientId);
            select.setArray(2, connection.createArrayOf("varchar", referencedTypes.toArray()));
            select.setString(3, patientId);
            if (!types.isEmpty()) {
                select.setArray(4, connection.createArrayOf("varchar", types.toArray()));
            }
            List<ResourceKey> keys = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    keys.add(new ResourceKey(rows.getString(1), rows.getString(2)));
                }
            }
            return keys;
        } catch (SQLException e) {
            throw new StoreUnavailableException(e);
        }
    }

    @Override
    public List<StoredResource> readAll(String resourceType, List<String> resourceIds) {
        if (resourceIds.isEmpty()) {
            return List.of();
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                     + " FROM fhir_resource WHERE resource_type = ? AND resource_id = ANY (?) AND NOT deleted")) {
            select.setString(1, resourceType);
            select.setArray(2, connection.createArrayOf("varchar", resourceIds.toArray()));
            Map<String, StoredResource> byId = new HashMap<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    StoredResource stored = map(rows);
                    byId.put(stored.resourceId(), stored);
                }
            }
            return resourceIds.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
        } catch (SQLException e) {
            throw new StoreUnavailableException(e);
        }
    }

    private List<StoredResource> query(String sql, List<Object> arguments) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(sql)) {
            bind(select, arguments);
            List<StoredResource> found = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.add(map(rows));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new StoreUnavailableException(e);
        }
    }

    private static void bind(PreparedStatement statement, List<Object> arguments) throws SQLException {
        for (int i = 0; i < arguments.size(); i++) {
            statement.setObject(i + 1, arguments.get(i));
        }
    }

    private static StoredResource map(ResultSet rows) throws SQLException {
        return new StoredResource(rows.getString(1), rows.getString(2), rows.getInt(3),
                rows.getObject(4, OffsetDateTime.class).toInstant(), rows.getBoolean(5), rows.getString(6));
    }
}
