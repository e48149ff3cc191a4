package rhix.audit.chain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rhix.region.NodeId;

/**
 * Appends a link to {@code audit_chain_link} for every stored event, in globalIndex order, so that changing,
 * removing or reordering an event row afterwards breaks every later link.
 *
 * <p>Safe to run from several threads or processes: each batch holds the {@code audit_chain_writer} row lock for
 * its transaction, and the link table's keys (position, global_index) refuse a fork even without it.
 */
public final class AuditChainer {

    private static final Logger LOG = LoggerFactory.getLogger(AuditChainer.class);

    private final DataSource dataSource;
    private final NodeId nodeId;
    private final AuditChainSettings settings;
    private final Clock clock;
    private final AtomicReference<GapSighting> openGap = new AtomicReference<>();

    public AuditChainer(DataSource dataSource, NodeId nodeId, AuditChainSettings settings, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource is null");
        this.nodeId = Objects.requireNonNull(nodeId, "nodeId is null");
        this.settings = Objects.requireNonNull(settings, "settings is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
    }

    public AuditChainer(DataSource dataSource, NodeId nodeId) {
        this(dataSource, nodeId, AuditChainSettings.defaults(), Clock.systemUTC());
    }

    /**
     * Links every stored event it may link now, batch by batch, and stops at the end of the store or at a hole in
     * globalIndex younger than the gap wait.
     *
     * @return how many links were appended
     */
    public long chainPending() {
        long linked = 0;
        while (true) {
            BatchResult batch = chainBatch();
            linked += batch.linked();
            if (!batch.mayHaveMore()) {
                return linked;
            }
        }
    }

    private BatchResult chainBatch() {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                ChainHead.lockForWriting(connection);
                BatchResult result = linkAfter(connection, ChainHead.read(connection, nodeId));
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new AuditChainException("could not extend the audit chain of " + nodeId + ": " + e.getMessage(), e);
        }
    }

    private BatchResult linkAfter(Connection connection, ChainHead head) throws SQLException {
        List<StoredEventRow> rows = readRowsAfter(connection, head.globalIndex());
        long position = head.position();
        long expectedGlobalIndex = head.globalIndex() + 1;
        byte[] linkHash = head.linkHash();
        OffsetDateTime linkedAt = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        int linked = 0;
        boolean stoppedAtGap = false;
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO audit_chain_link (position, global_index, event_identifier, link_hash, linked_at) VALUES (?, ?, ?, ?, ?)")) {
            for (StoredEventRow row : rows) {
                if (row.globalIndex() != expectedGlobalIndex && !gapHasExpired(expectedGlobalIndex, row.globalIndex())) {
                    stoppedAtGap = true;
                    break;
                }
                position++;
                linkHash = LinkHashing.next(linkHash, row);
                insert.setLong(1, position);
                insert.setLong(2, row.globalIndex());
                insert.setString(3, row.eventIdentifier());
                insert.setString(4, LinkHashing.toHex(linkHash));
                insert.setObject(5, linkedAt);
                insert.addBatch();
                expectedGlobalIndex = row.globalIndex() + 1;
                linked++;
            }
            if (linked > 0) {
                insert.executeBatch();
            }
        }
        return new BatchResult(linked, !stoppedAtGap && rows.size() == settings.batchSize());
    }

    private List<StoredEventRow> readRowsAfter(Connection connection, long globalIndex) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + StoredEventRow.COLUMNS
                + " FROM domainevententry WHERE globalIndex > ? ORDER BY globalIndex LIMIT ?")) {
            select.setLong(1, globalIndex);
            select.setInt(2, settings.batchSize());
            List<StoredEventRow> rows = new ArrayList<>();
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(StoredEventRow.read(result));
                }
            }
            return rows;
        }
    }

    /**
     * A hole is first only noted; once it has stayed open for the gap wait (as Axon's gap-aware tracking token
     * treats it) it is skipped for good: a value that commits later is not linked and shows as an unlinked event.
     */
    private boolean gapHasExpired(long missingGlobalIndex, long nextPresentGlobalIndex) {
        Instant now = clock.instant();
        GapSighting sighting = openGap.get();
        if (sighting == null || sighting.missingGlobalIndex() != missingGlobalIndex) {
            sighting = new GapSighting(missingGlobalIndex, now);
            openGap.set(sighting);
        }
        if (now.isBefore(sighting.firstSeen().plus(settings.gapWait()))) {
            return false;
        }
        LOG.warn("Audit chain of {}: globalIndex {}..{} stayed missing for {} and is skipped as rolled back",
                nodeId, missingGlobalIndex, nextPresentGlobalIndex - 1, settings.gapWait());
        openGap.compareAndSet(sighting, null);
        return true;
    }

    private record GapSighting(long missingGlobalIndex, Instant firstSeen) {
    }

    private record BatchResult(int linked, boolean mayHaveMore) {
    }
}
