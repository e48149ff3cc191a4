package rhix.events.projection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Objects;
import org.axonframework.common.jdbc.ConnectionProvider;

/**
 * Writes a projection's rows on the connection of the processor's transaction, so that the rows and the
 * processor's token commit together: a replay after a crash neither loses nor repeats an update.
 */
public final class ReadModelSql {

    private final ConnectionProvider connections;

    public ReadModelSql(ConnectionProvider connections) {
        this.connections = Objects.requireNonNull(connections, "connections is null");
    }

    /** Runs one statement with its parameters (Instants as timestamps, enums by name); the number of rows changed. */
    public int update(String sql, Object... parameters) {
        try (Connection connection = connections.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, jdbcValue(parameters[i]));
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("read model update failed (" + sql + "): " + e.getMessage(), e);
        }
    }

    private static Object jdbcValue(Object value) {
        if (value instanceof Instant instant) {
            return Timestamp.from(instant);
        }
        if (value instanceof Enum<?> constant) {
            return constant.name();
        }
        return value;
    }
}
