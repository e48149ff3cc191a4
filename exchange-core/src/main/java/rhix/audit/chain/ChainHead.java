package rhix.audit.chain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import rhix.region.NodeId;

/** The last link of the chain, or the genesis (position 0, before globalIndex 1) when nothing is linked yet. */
record ChainHead(long position, long globalIndex, byte[] linkHash) {

    static ChainHead read(Connection connection, NodeId nodeId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT position, global_index, link_hash FROM audit_chain_link ORDER BY position DESC LIMIT 1");
             ResultSet last = select.executeQuery()) {
            if (!last.next()) {
                return new ChainHead(0, 0, LinkHashing.genesis(nodeId));
            }
            return new ChainHead(last.getLong(1), last.getLong(2), LinkHashing.fromHex(last.getString(3)));
        }
    }

    /** Serialises chainers and signers across threads and processes until the caller's transaction ends. */
    static void lockForWriting(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(
                "SELECT chain FROM audit_chain_writer WHERE chain = 'domain-events' FOR UPDATE");
             ResultSet locked = lock.executeQuery()) {
            if (!locked.next()) {
                throw new SQLException("audit_chain_writer has no 'domain-events' row: the schema was not migrated by Liquibase");
            }
        }
    }
}
