package rhix.events.axon;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.ConnectionWrapperFactory;
import org.axonframework.common.jdbc.JdbcException;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;

/**
 * JDBC transactions for Axon without Spring: a transaction binds one connection to the thread, and every
 * {@link #getConnection()} on that thread (the event store's append, the token store's claim, a projection's
 * update) gets that connection. A command's events and a processor's projection rows and token therefore
 * commit together or not at all. Outside a transaction a caller gets a plain pooled connection.
 */
public final class JdbcTransactions implements TransactionManager, ConnectionProvider {

    private final DataSource dataSource;
    private final ThreadLocal<Connection> bound = new ThreadLocal<>();

    public JdbcTransactions(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource is null");
    }

    @Override
    public Transaction startTransaction() {
        if (bound.get() != null) {
            // Joined: the outer transaction commits or rolls back for both.
            return JOINED;
        }
        Connection connection = open();
        bound.set(connection);
        return new Transaction() {
            @Override
            public void commit() {
                finish(connection, true);
            }

            @Override
            public void rollback() {
                finish(connection, false);
            }
        };
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection connection = bound.get();
        if (connection == null) {
            return dataSource.getConnection();
        }
        // The transaction's connection: callers close it as usual, which must not end the transaction.
        return ConnectionWrapperFactory.wrap(connection, new ConnectionWrapperFactory.ConnectionCloseHandler() {
            @Override
            public void close(Connection ignored) {
            }

            @Override
            public void commit(Connection ignored) {
            }
        });
    }

    /** Whether the calling thread is inside a transaction started here. */
    public boolean inTransaction() {
        return bound.get() != null;
    }

    private Connection open() {
        try {
            Connection connection = dataSource.getConnection();
            connection.setAutoCommit(false);
            return connection;
        } catch (SQLException e) {
            throw new JdbcException("could not open a transaction on the event store: " + e.getMessage(), e);
        }
    }

    private void finish(Connection connection, boolean commit) {
        bound.remove();
        try (connection) {
            if (commit) {
                connection.commit();
            } else {
                connection.rollback();
            }
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            throw new JdbcException("could not " + (commit ? "commit" : "roll back")
                    + " an event store transaction: " + e.getMessage(), e);
        }
    }

    private static final Transaction JOINED = new Transaction() {
        @Override
        public void commit() {
        }

        @Override
        public void rollback() {
        }
    };
}
