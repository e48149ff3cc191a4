package rhix.node.registry;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import rhix.identity.AdminDivisionCode;
import rhix.region.NodeId;
import rhix.region.NodeLevel;

/** The {@code registered_node} table. */
@Singleton
public class NodeRegistryRepository {

    private final DataSource dataSource;

    public NodeRegistryRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Inserts or replaces the node's descriptor; a re-registration keeps its last heartbeat. */
    public synchronized void upsert(RegisteredNode node) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE registered_node SET node_level = ?, division_code = ?, parent_node_id = ?, display_name = ?,"
                            + " grpc_target = ?, http_base_url = ? WHERE node_id = ?")) {
                update.setString(1, node.level().name());
                update.setString(2, node.division().value());
                update.setString(3, node.parentId() == null ? null : node.parentId().value());
                update.setString(4, node.displayName());
                update.setString(5, node.grpcTarget());
                update.setString(6, node.httpBaseUrl());
                update.setString(7, node.nodeId().value());
                if (update.executeUpdate() == 0) {
                    try (PreparedStatement insert = connection.prepareStatement(
                            "INSERT INTO registered_node (node_id, node_level, division_code, parent_node_id, display_name,"
                                    + " grpc_target, http_base_url, registered_at, stored_resource_count)"
                                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)")) {
                        insert.setString(1, node.nodeId().value());
                        insert.setString(2, node.level().name());
                        insert.setString(3, node.division().value());
                        insert.setString(4, node.parentId() == null ? null : node.parentId().value());
                        insert.setString(5, node.displayName());
                        insert.setString(6, node.grpcTarget());
                        insert.setString(7, node.httpBaseUrl());
                        insert.setObject(8, node.registeredAt().atOffset(ZoneOffset.UTC));
                        insert.executeUpdate();
                    }
                }
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /** Records a heartbeat; false when the node is not registered here. */
    public boolean recordHeartbeat(NodeId nodeId, Instant at, long storedResourceCount) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE registered_node SET last_heartbeat_at = ?, stored_resource_count = ? WHERE node_id = ?")) {
            update.setObject(1, at.atOffset(ZoneOffset.UTC));
            update.setLong(2, storedResourceCount);
            update.setString(3, nodeId.value());
            return update.executeUpdate() == 1;
        }
    }

    public Optional<RegisteredNode> find(NodeId nodeId) throws SQLException {
        return query(" WHERE node_id = ?", nodeId.value()).stream().findFirst();
    }

    public List<RegisteredNode> all() throws SQLException {
        return query("", null);
    }

    private List<RegisteredNode> query(String condition, String argument) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT node_id, node_level, division_code, parent_node_id, display_name, grpc_target, http_base_url,"
                             + " registered_at, last_heartbeat_at, stored_resource_count FROM registered_node" + condition)) {
            if (argument != null) {
                select.setString(1, argument);
            }
            List<RegisteredNode> nodes = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String parent = rows.getString(4);
                    nodes.add(new RegisteredNode(NodeId.of(rows.getString(1)), NodeLevel.valueOf(rows.getString(2)),
                            AdminDivisionCode.of(rows.getString(3)), parent == null ? null : NodeId.of(parent),
                            rows.getString(5), rows.getString(6), rows.getString(7), instant(rows, 8), instant(rows, 9),
                            rows.getLong(10)));
                }
            }
            return nodes;
        }
    }

    private static Instant instant(ResultSet rows, int column) throws SQLException {
        OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

}
