package rhix.audit.chain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import rhix.region.NodeId;

/**
 * Signs the chain with the node's key: at every multiple of the interval (positions N, 2N, 3N…) and on demand at
 * the head. A checkpoint is what a forger without the key cannot recompute, so links after the last checkpoint are
 * only as safe as the database; sign on demand (at shutdown, before an export) to shorten that tail.
 */
public final class CheckpointSigner {

    public static final int DEFAULT_INTERVAL = 1_000;

    private final DataSource dataSource;
    private final NodeId nodeId;
    private final NodeSigningKey key;
    private final int interval;
    private final Clock clock;

    public CheckpointSigner(DataSource dataSource, NodeId nodeId, NodeSigningKey key, int interval, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource is null");
        this.nodeId = Objects.requireNonNull(nodeId, "nodeId is null");
        this.key = Objects.requireNonNull(key, "key is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
        if (interval < 1) {
            throw new IllegalArgumentException("checkpoint interval must be at least 1 link: " + interval);
        }
        this.interval = interval;
    }

    public CheckpointSigner(DataSource dataSource, NodeId nodeId, NodeSigningKey key) {
        this(dataSource, nodeId, key, DEFAULT_INTERVAL, Clock.systemUTC());
    }

    /** Signs every multiple of the interval reached since the last checkpoint; returns what it signed, oldest first. */
    public List<AuditCheckpoint> signDue() {
        return inWriterTransaction(connection -> {
            long lastSigned = lastCheckpointPosition(connection);
            long head = ChainHead.read(connection, nodeId).position();
            List<AuditCheckpoint> signed = new ArrayList<>();
            for (long position = (lastSigned / interval + 1) * interval; position <= head; position += interval) {
                signed.add(sign(connection, position));
            }
            return signed;
        });
    }

    /** Signs the head of the chain now; empty when nothing is linked or the head is already signed. */
    public Optional<AuditCheckpoint> signHead() {
        return inWriterTransaction(connection -> {
            long head = ChainHead.read(connection, nodeId).position();
            if (head == 0 || head == lastCheckpointPosition(connection)) {
                return Optional.empty();
            }
            return Optional.of(sign(connection, head));
        });
    }

    private AuditCheckpoint sign(Connection connection, long position) throws SQLException {
        String linkHash = linkHashAt(connection, position);
        byte[] signature = key.sign(new CheckpointStatement(nodeId, position, linkHash).bytesToSign());
        AuditCheckpoint checkpoint = new AuditCheckpoint(position, linkHash, clock.instant(), key.keyId(),
                NodeSigningKey.ALGORITHM, Base64.getEncoder().encodeToString(signature));
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO audit_chain_checkpoint "
                + "(position, link_hash, signed_at, key_id, algorithm, signature) VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, checkpoint.position());
            insert.setString(2, checkpoint.linkHash());
            insert.setObject(3, OffsetDateTime.ofInstant(checkpoint.signedAt(), ZoneOffset.UTC));
            insert.setString(4, checkpoint.keyId());
            insert.setString(5, checkpoint.algorithm());
            insert.setString(6, checkpoint.signature());
            insert.executeUpdate();
        }
        return checkpoint;
    }

    private static String linkHashAt(Connection connection, long position) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT link_hash FROM audit_chain_link WHERE position = ?")) {
            select.setLong(1, position);
            try (ResultSet link = select.executeQuery()) {
                if (!link.next()) {
                    throw new SQLException("the audit chain has no link at position " + position + " to sign");
                }
                return link.getString(1).strip();
            }
        }
    }

    private static long lastCheckpointPosition(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT MAX(position) FROM audit_chain_checkpoint");
             ResultSet last = select.executeQuery()) {
            last.next();
            return last.getLong(1);
        }
    }

    private <T> T inWriterTransaction(SqlWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                ChainHead.lockForWriting(connection);
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new AuditChainException("could not sign the audit chain of " + nodeId + ": " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }
}
