package rhix.node.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rhix.node.NodeConfiguration;

/** The node store's connection pool, migrated to the current schema before anyone gets it. */
@Factory
public class NodeStoreFactory {

    private static final Logger LOG = LoggerFactory.getLogger(NodeStoreFactory.class);

    @Singleton
    @Bean(preDestroy = "close")
    public HikariDataSource nodeStore(NodeStoreConfiguration store, NodeConfiguration node) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("node-store-" + node.id());
        config.setMaximumPoolSize(store.maximumPoolSize());
        if (store.isEmbedded()) {
            // One in-memory database per node id, kept while the JVM runs.
            config.setJdbcUrl("jdbc:h2:mem:" + node.id() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
            config.setUsername("sa");
            LOG.info("Node store: embedded H2 (PostgreSQL mode, in memory) for node {}; set rhix.node.store.url to use PostgreSQL", node.id());
        } else {
            config.setJdbcUrl(store.url());
            config.setUsername(store.username());
            config.setPassword(store.password());
            // Searches are AND-ed EXISTS over the index tables whose best order depends on the values
            // (a patient id is selective, a common code is not): a generic plan cached after five runs
            // of a prepared statement picked the wrong driving table and ran 100x slower. Plan each time.
            config.setConnectionInitSql("SET plan_cache_mode = force_custom_plan");
            LOG.info("Node store: PostgreSQL at {} for node {}", store.url(), node.id());
        }
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            SchemaMigration.migrate(dataSource);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return dataSource;
    }
}
