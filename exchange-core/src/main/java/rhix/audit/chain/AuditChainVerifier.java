package rhix.audit.chain;

import java.security.PublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import rhix.region.NodeId;

/**
 * Recomputes a node's audit chain from the stored event rows and checks it against the link table and the signed
 * checkpoints. Links and events are streamed side by side (links by position, events by globalIndex) in one
 * read-only snapshot, so a million events need no more memory than a few hundred.
 */
public final class AuditChainVerifier {

    private static final int FETCH_SIZE = 500;

    private final DataSource dataSource;

    public AuditChainVerifier(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource is null");
    }

    public AuditChainReport verify(NodeId nodeId, PublicKey publicKey) {
        return verify(nodeId, publicKey, 0);
    }

    /**
     * @param witnessedPosition the position of a checkpoint recorded outside this database (0 when none): the
     *                          chain must reach it and still hold that checkpoint, which catches a removed tail
     */
    public AuditChainReport verify(NodeId nodeId, PublicKey publicKey, long witnessedPosition) {
        Objects.requireNonNull(nodeId, "nodeId is null");
        Objects.requireNonNull(publicKey, "publicKey is null");
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                return new Walk(connection, nodeId, publicKey, witnessedPosition).run();
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new AuditChainException("could not read the audit chain of " + nodeId + ": " + e.getMessage(), e);
        }
    }

    private record LinkRow(long position, long globalIndex, String eventIdentifier, String linkHash) {
        static LinkRow read(ResultSet row) throws SQLException {
            return new LinkRow(row.getLong(1), row.getLong(2), row.getString(3), row.getString(4).strip());
        }
    }

    /** One verification: the cursors and what has held so far. */
    private static final class Walk {

        private final Connection connection;
        private final NodeId nodeId;
        private final PublicKey publicKey;
        private final String expectedKeyId;
        private final long witnessedPosition;
        private final Deque<AuditCheckpoint> checkpoints;

        private byte[] linkHash;
        private long lastGlobalIndex;
        private long linksChecked;
        private long checkpointsChecked;
        private long lastVerifiedPosition;
        private long lastCheckpointPosition;
        private boolean witnessedCheckpointHeld;

        Walk(Connection connection, NodeId nodeId, PublicKey publicKey, long witnessedPosition) throws SQLException {
            this.connection = connection;
            this.nodeId = nodeId;
            this.publicKey = publicKey;
            this.expectedKeyId = NodeSigningKey.keyIdOf(publicKey);
            this.witnessedPosition = witnessedPosition;
            this.checkpoints = readCheckpoints(connection);
            this.linkHash = LinkHashing.genesis(nodeId);
        }

        AuditChainReport run() throws SQLException {
            Optional<AuditChainFinding> problem = walkLinks().or(this::checkTail);
            return new AuditChainReport(nodeId,
                    problem.isEmpty() ? AuditChainReport.Status.VALID : AuditChainReport.Status.BROKEN,
                    linksChecked, checkpointsChecked, lastVerifiedPosition, lastCheckpointPosition,
                    countEventsAfter(lastGlobalIndex), problem);
        }

        private Optional<AuditChainFinding> walkLinks() throws SQLException {
            try (PreparedStatement linkQuery = streaming("SELECT position, global_index, event_identifier, link_hash "
                         + "FROM audit_chain_link ORDER BY position");
                 PreparedStatement eventQuery = streaming("SELECT " + StoredEventRow.COLUMNS
                         + " FROM domainevententry ORDER BY globalIndex");
                 ResultSet links = linkQuery.executeQuery();
                 ResultSet events = eventQuery.executeQuery()) {
                StoredEventRow event = events.next() ? StoredEventRow.read(events) : null;
                while (links.next()) {
                    LinkRow link = LinkRow.read(links);
                    if (link.position() != lastVerifiedPosition + 1) {
                        return Optional.of(new AuditChainFinding.MissingLink(lastVerifiedPosition + 1, link.position()));
                    }
                    if (link.globalIndex() <= lastGlobalIndex) {
                        return Optional.of(new AuditChainFinding.Reordered(link.position(), link.globalIndex(),
                                link.eventIdentifier(), link.eventIdentifier(), "the link table puts globalIndex "
                                + link.globalIndex() + " after globalIndex " + lastGlobalIndex));
                    }
                    if (event != null && event.globalIndex() < link.globalIndex()) {
                        return Optional.of(new AuditChainFinding.UnlinkedEvent(event.globalIndex(), event.eventIdentifier(),
                                link.position()));
                    }
                    Optional<AuditChainFinding> problem = checkEventAt(link, event).or(() -> checkCheckpointAt(link.position()));
                    if (problem.isPresent()) {
                        return problem;
                    }
                    linksChecked++;
                    lastVerifiedPosition = link.position();
                    lastGlobalIndex = link.globalIndex();
                    event = events.next() ? StoredEventRow.read(events) : null;
                }
                return Optional.empty();
            }
        }

        /** {@code event} is the first stored row at or after the link's globalIndex. */
        private Optional<AuditChainFinding> checkEventAt(LinkRow link, StoredEventRow event) {
            if (event == null || event.globalIndex() > link.globalIndex()) {
                return Optional.of(new AuditChainFinding.Missing(link.position(), link.globalIndex(), link.eventIdentifier()));
            }
            if (!event.eventIdentifier().equals(link.eventIdentifier())) {
                return Optional.of(new AuditChainFinding.Reordered(link.position(), link.globalIndex(),
                        link.eventIdentifier(), event.eventIdentifier(), "the row holds event " + event.eventIdentifier()
                        + whereLinked(event.eventIdentifier()) + " instead of the linked event " + link.eventIdentifier()));
            }
            linkHash = LinkHashing.next(linkHash, event);
            if (!LinkHashing.toHex(linkHash).equals(link.linkHash())) {
                return Optional.of(new AuditChainFinding.Altered(link.position(), link.globalIndex(), link.eventIdentifier()));
            }
            return Optional.empty();
        }

        private Optional<AuditChainFinding> checkCheckpointAt(long position) {
            AuditCheckpoint checkpoint = checkpoints.peekFirst();
            if (checkpoint == null || checkpoint.position() > position) {
                return Optional.empty();
            }
            String recomputed = LinkHashing.toHex(linkHash);
            Optional<String> problem = checkpoint.position() < position
                    ? Optional.of("names a position the chain never had")
                    : signatureProblem(checkpoint).or(() -> checkpoint.linkHash().equals(recomputed)
                            ? Optional.empty()
                            : Optional.of("signed link hash " + checkpoint.linkHash() + " but the events now hash to " + recomputed));
            if (problem.isPresent()) {
                return Optional.of(new AuditChainFinding.ChainForged(checkpoint.position(), lastCheckpointPosition, problem.get()));
            }
            checkpoints.removeFirst();
            checkpointsChecked++;
            lastCheckpointPosition = position;
            witnessedCheckpointHeld |= position == witnessedPosition;
            return Optional.empty();
        }

        private Optional<String> signatureProblem(AuditCheckpoint checkpoint) {
            if (!NodeSigningKey.ALGORITHM.equals(checkpoint.algorithm())) {
                return Optional.of("is signed with " + checkpoint.algorithm() + ", not " + NodeSigningKey.ALGORITHM);
            }
            if (!expectedKeyId.equals(checkpoint.keyId())) {
                return Optional.of("names signing key " + checkpoint.keyId() + ", not the node key " + expectedKeyId);
            }
            byte[] signature;
            try {
                signature = Base64.getDecoder().decode(checkpoint.signature().strip());
            } catch (IllegalArgumentException e) {
                return Optional.of("has a signature that is not base64");
            }
            byte[] statement = new CheckpointStatement(nodeId, checkpoint.position(), checkpoint.linkHash()).bytesToSign();
            return NodeSigningKey.verifies(publicKey, statement, signature)
                    ? Optional.empty()
                    : Optional.of("has a signature that does not verify with the node key");
        }

        /** After the last link: checkpoints or a witness beyond it mean the tail was cut. */
        private Optional<AuditChainFinding> checkTail() {
            AuditCheckpoint beyond = checkpoints.peekFirst();
            if (beyond != null) {
                return signatureProblem(beyond)
                        .<AuditChainFinding>map(problem -> new AuditChainFinding.ChainForged(beyond.position(), lastCheckpointPosition, problem))
                        .or(() -> Optional.of(new AuditChainFinding.Truncated(lastVerifiedPosition, beyond.position(),
                                "a signed checkpoint")));
            }
            if (witnessedPosition > lastVerifiedPosition) {
                return Optional.of(new AuditChainFinding.Truncated(lastVerifiedPosition, witnessedPosition, "the witnessed checkpoint"));
            }
            if (witnessedPosition > 0 && !witnessedCheckpointHeld) {
                return Optional.of(new AuditChainFinding.ChainForged(witnessedPosition, lastCheckpointPosition,
                        "was witnessed outside this database but is no longer stored"));
            }
            return Optional.empty();
        }

        private String whereLinked(String eventIdentifier) {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT position FROM audit_chain_link WHERE event_identifier = ?")) {
                select.setString(1, eventIdentifier);
                try (ResultSet linked = select.executeQuery()) {
                    return linked.next() ? " (linked at position " + linked.getLong(1) + ")" : " (which no link names)";
                }
            } catch (SQLException e) {
                return "";
            }
        }

        private long countEventsAfter(long globalIndex) throws SQLException {
            try (PreparedStatement count = connection.prepareStatement(
                    "SELECT COUNT(*) FROM domainevententry WHERE globalIndex > ?")) {
                count.setLong(1, globalIndex);
                try (ResultSet result = count.executeQuery()) {
                    result.next();
                    return result.getLong(1);
                }
            }
        }

        private PreparedStatement streaming(String sql) throws SQLException {
            PreparedStatement statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            statement.setFetchSize(FETCH_SIZE);
            return statement;
        }

        private static Deque<AuditCheckpoint> readCheckpoints(Connection connection) throws SQLException {
            Deque<AuditCheckpoint> checkpoints = new ArrayDeque<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT position, link_hash, signed_at, key_id, "
                    + "algorithm, signature FROM audit_chain_checkpoint ORDER BY position");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    checkpoints.addLast(new AuditCheckpoint(rows.getLong(1), rows.getString(2).strip(),
                            rows.getObject(3, OffsetDateTime.class).toInstant(), rows.getString(4), rows.getString(5),
                            rows.getString(6)));
                }
            }
            return checkpoints;
        }
    }
}
