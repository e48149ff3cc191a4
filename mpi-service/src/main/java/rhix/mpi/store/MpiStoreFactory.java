package rhix.mpi.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rhix.schema.LiquibaseMigration;

/** The MPI store's connection pool, migrated to the schema of {@value #CHANGELOG} before anyone gets it. */
@Factory
public class MpiStoreFactory {

    public static final String CHANGELOG = "db/changelog/mpi.xml";
    private static final Logger LOG = LoggerFactory.getLogger(MpiStoreFactory.class);

    @Singleton
    @Bean(preDestroy = "close")
    public HikariDataSource mpiStore(MpiStoreConfiguration store) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("mpi-store");
        config.setMaximumPoolSize(store.maximumPoolSize());
        if (store.isEmbedded()) {
            config.setJdbcUrl("jdbc:h2:mem:mpi;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
            config.setUsername("sa");
            LOG.info("MPI store: embedded H2 (PostgreSQL mode, in memory); set rhix.mpi.store.url to use PostgreSQL");
        } else {
            config.setJdbcUrl(store.url());
            config.setUsername(store.username());
            config.setPassword(store.password());
            // Bulk runs write hundreds of thousands of rows in JDBC batches: let the driver send them as multi-row inserts.
            config.addDataSourceProperty("reWriteBatchedInserts", "true");
            LOG.info("MPI store: PostgreSQL at {}", store.url());
        }
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            migrate(dataSource);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return dataSource;
    }

    static void migrate(HikariDataSource dataSource) {
        LiquibaseMigration.migrate(dataSource, CHANGELOG, "the MPI store");
    }
}
