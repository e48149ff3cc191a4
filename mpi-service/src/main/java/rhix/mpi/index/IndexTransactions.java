package rhix.mpi.index;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/**
 * Runs work on the MPI store in one transaction. Changes also hold the index's write lock: deciding a
 * link reads the candidates and then writes, and two registrations of the same new person side by side
 * must not both conclude "nobody like this yet". Reads do not take the lock.
 */
@Singleton
public class IndexTransactions {

    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final DataSource store;
    private final ReentrantLock writeLock = new ReentrantLock(true);

    public IndexTransactions(DataSource store) {
        this.store = store;
    }

    public <T> T write(Work<T> work) {
        writeLock.lock();
        try {
            return transaction(work);
        } finally {
            writeLock.unlock();
        }
    }

    public <T> T read(Work<T> work) {
        return transaction(work);
    }

    private <T> T transaction(Work<T> work) {
        try (Connection connection = store.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IndexStoreException(e);
        }
    }

    /** The store failed (down, full): nothing was written. */
    public static final class IndexStoreException extends RuntimeException {
        IndexStoreException(SQLException cause) {
            super("the MPI store failed: " + cause.getMessage(), cause);
        }
    }
}
