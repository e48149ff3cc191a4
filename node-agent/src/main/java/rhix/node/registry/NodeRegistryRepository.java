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

/** The {@code registered_node} table of the node store: every node below this one that registered. */
@Singleton
public class NodeRegistryRepository {

    private static final String COLUMNS = "node_id, node_level, division_code, parent_node_id, display_name, grpc_target,"
            + " http_base_url, registered_at, last_heartbeat_at, stored_resource_count";

    private final DataSource dataSource;

    public NodeRegistryRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Stores a registration: a new node is registered at {@code now}; a known one gets its new
     * description and keeps its first registration time and last heartbeat.
     */
    // Update-then-insert rather than ON CONFLICT, which H2's PostgreSQL mode lacks; synchronized
    // because this process is the table's only writer, so two registrations of one node cannot race.
    public synchronized RegisteredNode upsert(NodeDescription node, Instant now) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                if (!update(connection, node)) {
                    insert(connection, node, now);
                }
                RegisteredNode stored = select(connection, " WHERE node_id = ?", node.nodeId().value()).getFirst();
                connection.commit();
                return stored;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /** Records a heartbeat received at {@code at}; false when the node is not registered here. */
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
        try (Connection connection = dataSource.getConnection()) {
            return select(connection, " WHERE node_id = ?", nodeId.value()).stream().findFirst();
        }
    }

    /** Every registered node, in no particular order (levels do not sort alphabetically; the caller orders). */
    public List<RegisteredNode> all() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return select(connection, "", null);
        }
    }

    private static boolean update(Connection connection, NodeDescription node) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE registered_node SET node_level = ?, division_code = ?, parent_node_id = ?, display_name = ?,"
                        + " grpc_target = ?, http_base_url = ? WHERE node_id = ?")) {
            setDescription(update, node, 1);
            update.setString(7, node.nodeId().value());
            return update.executeUpdate() == 1;
        }
    }

    private static void insert(Connection connection, NodeDescription node, Instant now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO registered_node (node_level, division_code, parent_node_id, display_name, grpc_target,"
                        + " http_base_url, node_id, registered_at, stored_resource_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)")) {
            setDescription(insert, node, 1);
            insert.setString(7, node.nodeId().value());
            insert.setObject(8, now.atOffset(ZoneOffset.UTC));
            insert.executeUpdate();
        }
    }

    private static void setDescription(PreparedStatement statement, NodeDescription node, int first) throws SQLException {
        statement.setString(first, node.level().name());
        statement.setString(first + 1, node.division().value());
        statement.setString(first + 2, node.parentId() == null ? null : node.parentId().value());
        statement.setString(first + 3, node.displayName());
        statement.setString(first + 4, node.grpcTarget());
        statement.setString(first + 5, node.httpBaseUrl());
    }

    private static List<RegisteredNode> select(Connection connection, String condition, String argument)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM registered_node" + condition)) {
            if (argument != null) {
                select.setString(1, argument);
            }
            List<RegisteredNode> nodes = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String parent = rows.getString("parent_node_id");
                    NodeDescription description = new NodeDescription(NodeId.of(rows.getString("node_id")),
                            NodeLevel.valueOf(rows.getString("node_level")),
                            AdminDivisionCode.of(rows.getString("division_code")),
                            parent == null ? null : NodeId.of(parent), rows.getString("display_name"),
                            rows.getString("grpc_target"), rows.getString("http_base_url"));
                    nodes.add(new RegisteredNode(description, instant(rows, "registered_at"),
                            instant(rows, "last_heartbeat_at"), rows.getLong("stored_resource_count")));
                }
            }
            return nodes;
        }
    }

    private static Instant instant(ResultSet rows, String column) throws SQLException {
        OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
