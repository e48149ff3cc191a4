package rhix.node.status;

import com.zaxxer.hikari.HikariDataSource;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import rhix.node.NodeConfiguration;
import rhix.node.mpi.MpiBacklog;
import rhix.node.mpi.MpiOutbox;
import rhix.node.mpi.MpiRegistrationMode;
import rhix.node.mpi.MpiRegistrationRelay;
import rhix.node.terminology.CodeChecks;
import rhix.node.store.ResourceStore;

/**
 * {@code GET /node}: who this node is, which store it runs on, what it holds, and how far its patients'
 * registration with the MPI has got. Also its readiness probe.
 */
@Controller("/node")
@ExecuteOn(TaskExecutors.BLOCKING)
public class NodeStatusController {

    private final NodeConfiguration node;
    private final HikariDataSource dataSource;
    private final ResourceStore store;
    private final MpiOutbox mpiOutbox;
    private final MpiRegistrationRelay mpiRelay;
    private final CodeChecks codes;

    public NodeStatusController(NodeConfiguration node, HikariDataSource dataSource, ResourceStore store, MpiOutbox mpiOutbox,
                                MpiRegistrationRelay mpiRelay, CodeChecks codes) {
        this.node = node;
        this.dataSource = dataSource;
        this.store = store;
        this.mpiOutbox = mpiOutbox;
        this.mpiRelay = mpiRelay;
        this.codes = codes;
    }

    @Serdeable
    public record NodeStatus(String id, String level, String divisionCode, String displayName, String parentTarget,
                             String store, Map<String, Long> resourceCounts, long ingestBatches, long openFindings,
                             MpiRegistrationStatus mpiRegistration, @Nullable CodeChecks.Usage terminology) {
    }

    /**
     * The MPI outbox: {@code mode} says whether it is being sent (ACTIVE) or why not; {@code pending} changes wait
     * (since {@code oldestPendingSince}), {@code sent} were accepted, {@code failed} were refused. {@code lastError}
     * is the latest reason still standing on a change: a refusal, or why pending ones wait.
     */
    @Serdeable
    public record MpiRegistrationStatus(MpiRegistrationMode mode, String target, long pending, long sent, long failed,
                                        Instant oldestPendingSince, Instant lastSuccessAt, String lastError, Instant lastErrorAt) {

        static MpiRegistrationStatus of(MpiRegistrationMode mode, String target, MpiBacklog backlog) {
            return new MpiRegistrationStatus(mode, target, backlog.pending(), backlog.sent(), backlog.failed(),
                    backlog.oldestPendingSince(), backlog.lastSuccessAt(), backlog.lastError(), backlog.lastErrorAt());
        }
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    public NodeStatus status() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return new NodeStatus(node.id(), node.level().name(), node.divisionCode(), node.nameForDisplay(),
                    node.parentTarget(), describeStore(dataSource.getJdbcUrl()), store.countsByType(connection),
                    count(connection, "SELECT count(*) FROM ingest_batch"),
                    count(connection, "SELECT count(*) FROM quality_finding WHERE status = 'OPEN'"),
                    MpiRegistrationStatus.of(mpiRelay.mode(), mpiRelay.target(), mpiOutbox.backlog(connection)),
                    codes.usage().orElse(null));
        }
    }

    private static String describeStore(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            return "embedded H2 (PostgreSQL mode)";
        }
        // The URL without credentials that a driver may accept in its query string.
        int query = jdbcUrl.indexOf('?');
        return "PostgreSQL " + (query < 0 ? jdbcUrl : jdbcUrl.substring(0, query));
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql); ResultSet rows = select.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
