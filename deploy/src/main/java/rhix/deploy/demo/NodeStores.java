package rhix.deploy.demo;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rhix.region.NodeId;

/**
 * Gives each demo node a store of its own: a fresh PostgreSQL database {@code rhix_demo_p<base port>_<node>}
 * when PostgreSQL answers (or is required), otherwise nothing, so the node falls back to embedded H2.
 */
final class NodeStores {

    private static final Logger LOG = LoggerFactory.getLogger(NodeStores.class);

    private final DemoOptions options;
    private final boolean postgres;

    NodeStores(DemoOptions options) {
        this.options = options;
        this.postgres = switch (options.store()) {
            case EMBEDDED -> false;
            case POSTGRES -> {
                if (!reachable()) {
                    throw new IllegalStateException("--store postgres, but PostgreSQL does not answer at " + options.pgAdminUrl());
                }
                yield true;
            }
            case AUTO -> reachable();
        };
    }

    String description() {
        if (postgres) {
            return "PostgreSQL (" + options.pgAdminUrl().replaceFirst("/[^/]*$", "") + ", one database per node)";
        }
        return "embedded H2 in PostgreSQL mode, in memory, one per node ("
                + (options.store() == DemoOptions.StoreChoice.EMBEDDED ? "--store embedded"
                : "no PostgreSQL reachable at " + options.pgAdminUrl()) + ")";
    }

    /** The JDBC URL for the node's store, recreated empty; empty for embedded H2. */
    Optional<String> freshStoreFor(NodeId node) throws SQLException {
        return freshStore(node.value());
    }

    /** The same for a region service (e.g. {@code mpi}). */
    Optional<String> freshStore(String name) throws SQLException {
        if (!postgres) {
            return Optional.empty();
        }
        String database = databasePrefix(options.basePort()) + name.replace('-', '_');
        try (Connection admin = DriverManager.getConnection(options.pgAdminUrl(), "postgres", "");
             Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + database);
        }
        return Optional.of(options.pgAdminUrl().replaceFirst("/[^/]*$", "/" + database));
    }

    /** Databases are named for the port range too, so two demos (or a demo and its test) never share one. */
    static String databasePrefix(int basePort) {
        return "rhix_demo_p" + basePort + "_";
    }

    private boolean reachable() {
        try (Connection ignored = DriverManager.getConnection(options.pgAdminUrl(), "postgres", "")) {
            return true;
        } catch (SQLException e) {
            LOG.info("PostgreSQL not reachable at {}: {}", options.pgAdminUrl(), e.getMessage());
            return false;
        }
    }
}
