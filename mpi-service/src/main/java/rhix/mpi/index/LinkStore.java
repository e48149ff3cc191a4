package rhix.mpi.index;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Which identity each record belongs to, and why. */
@Singleton
public class LinkStore {

    private static final String COLUMNS = "node_id, local_id, enterprise_id, method, score, vector, matched_node_id,"
            + " matched_local_id, linked_at";

    /** Links the record, replacing whatever link it had. */
    public void put(Connection connection, Link link) throws SQLException {
        delete(connection, link.record());
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO identity_link (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            bind(insert, link);
            insert.executeUpdate();
        }
    }

    /** Inserts links for records that have none (a bulk linkage run). */
    public void insertAll(Connection connection, java.util.List<Link> batch) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO identity_link (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int pending = 0;
            for (Link link : batch) {
                bind(insert, link);
                insert.addBatch();
                if (++pending == Jdbc.BATCH) {
                    insert.executeBatch();
                    pending = 0;
                }
            }
            insert.executeBatch();
        }
    }

    public Optional<Link> find(Connection connection, RecordKey record) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM identity_link WHERE node_id = ? AND local_id = ?")) {
            select.setString(1, record.nodeId());
            select.setString(2, record.localId());
            return read(select).stream().findFirst();
        }
    }

    public List<Link> ofEnterprise(Connection connection, String enterpriseId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM identity_link WHERE enterprise_id = ? ORDER BY node_id, local_id")) {
            select.setString(1, enterpriseId);
            return read(select);
        }
    }

    public void delete(Connection connection, RecordKey record) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM identity_link WHERE node_id = ? AND local_id = ?")) {
            delete.setString(1, record.nodeId());
            delete.setString(2, record.localId());
            delete.executeUpdate();
        }
    }

    private static void bind(PreparedStatement insert, Link link) throws SQLException {
        insert.setString(1, link.record().nodeId());
        insert.setString(2, link.record().localId());
        insert.setString(3, link.enterpriseId());
        insert.setString(4, link.method().name());
        Jdbc.setDouble(insert, 5, link.score());
        insert.setString(6, link.vector());
        insert.setString(7, link.matched() == null ? null : link.matched().nodeId());
        insert.setString(8, link.matched() == null ? null : link.matched().localId());
        Jdbc.setInstant(insert, 9, link.linkedAt());
    }

    private static List<Link> read(PreparedStatement select) throws SQLException {
        List<Link> links = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                String matchedNode = rows.getString("matched_node_id");
                links.add(new Link(new RecordKey(rows.getString("node_id"), rows.getString("local_id")),
                        rows.getString("enterprise_id"), Link.Method.valueOf(rows.getString("method")),
                        Jdbc.nullableDouble(rows, "score"), rows.getString("vector"),
                        matchedNode == null ? null : new RecordKey(matchedNode, rows.getString("matched_local_id")),
                        Jdbc.instant(rows, "linked_at")));
            }
        }
        return links;
    }
}
