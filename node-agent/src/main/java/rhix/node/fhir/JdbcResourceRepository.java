package rhix.node.fhir;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import rhix.fhir.facade.store.ResourceKey;
import rhix.fhir.facade.store.ResourceRepository;
import rhix.fhir.facade.store.SearchCriterion;
import rhix.fhir.facade.store.StoredResource;
import rhix.fhir.facade.store.ResourceChange;
import rhix.fhir.facade.store.WriteResult;
import rhix.node.ingest.FhirWriteService;

/**
 * The facade's view of the node store: reads from {@code fhir_resource}/{@code fhir_resource_history},
 * searches as one SQL statement over the index tables (an EXISTS per criterion, all AND-ed), never by
 * loading resources and filtering them in memory.
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
    public List<String> search(String resourceType, List<SearchCriterion> criteria, int limit) {
        StringBuilder sql = new StringBuilder("SELECT r.resource_id FROM fhir_resource r WHERE r.resource_type = ? AND NOT r.deleted");
        List<Object> arguments = new ArrayList<>(List.of(resourceType));
        for (SearchCriterion criterion : criteria) {
            appendCondition(sql, arguments, criterion);
        }
        sql.append(" ORDER BY r.resource_id LIMIT ").append(limit);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(sql.toString())) {
            bind(select, arguments);
            List<String> ids = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new StoreUnavailableException(e);
        }
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

    private static void appendCondition(StringBuilder sql, List<Object> arguments, SearchCriterion criterion) {
        switch (criterion) {
            case SearchCriterion.Id id -> {
                sql.append(" AND r.resource_id = ?");
                arguments.add(id.resourceId());
            }
            case SearchCriterion.Token token -> {
                sql.append(" AND EXISTS (SELECT 1 FROM fhir_search_token i WHERE i.resource_type = r.resource_type"
                        + " AND i.resource_id = r.resource_id AND i.param_name = ? AND i.token_code = ?");
                arguments.add(token.parameter());
                arguments.add(token.code());
                if (token.system() != null) {
                    sql.append(" AND i.token_system = ?");
                    arguments.add(token.system());
                }
                sql.append(')');
            }
            case SearchCriterion.Reference reference -> {
                sql.append(" AND EXISTS (SELECT 1 FROM fhir_search_reference i WHERE i.resource_type = r.resource_type"
                        + " AND i.resource_id = r.resource_id AND i.param_name = ? AND i.target_id = ?");
                arguments.add(reference.parameter());
                arguments.add(reference.targetId());
                if (reference.targetType() != null) {
                    sql.append(" AND i.target_type = ?");
                    arguments.add(reference.targetType());
                }
                sql.append(')');
            }
            case SearchCriterion.Date date -> {
                sql.append(" AND EXISTS (SELECT 1 FROM fhir_search_date i WHERE i.resource_type = r.resource_type"
                        + " AND i.resource_id = r.resource_id AND i.param_name = ? AND ");
                arguments.add(date.parameter());
                // FHIR date prefixes compare the resource's range with the search value's range.
                switch (date.prefix()) {
                    case EQ -> {
                        sql.append("i.range_low >= ? AND i.range_high <= ?");
                        arguments.add(at(date.low()));
                        arguments.add(at(date.high()));
                    }
                    case GE -> {
                        sql.append("(i.range_high IS NULL OR i.range_high >= ?)");
                        arguments.add(at(date.low()));
                    }
                    case GT -> {
                        sql.append("(i.range_high IS NULL OR i.range_high > ?)");
                        arguments.add(at(date.high()));
                    }
                    case LE -> {
                        sql.append("(i.range_low IS NULL OR i.range_low <= ?)");
                        arguments.add(at(date.high()));
                    }
                    case LT -> {
                        sql.append("(i.range_low IS NULL OR i.range_low < ?)");
                        arguments.add(at(date.low()));
                    }
                }
                sql.append(')');
            }
            case SearchCriterion.TextStartsWith text -> {
                sql.append(" AND EXISTS (SELECT 1 FROM fhir_search_string i WHERE i.resource_type = r.resource_type"
                        + " AND i.resource_id = r.resource_id AND i.param_name = ? AND i.value_normalized LIKE ? ESCAPE '\\')");
                arguments.add(text.parameter());
                arguments.add(text.normalizedPrefix().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            }
        }
    }

    private static OffsetDateTime at(java.time.Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
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
