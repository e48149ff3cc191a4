package rhix.node.store;

import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rhix.schema.LiquibaseMigration;

/** Brings a node store to the schema of {@value #CHANGELOG}, the only way the schema changes. */
public final class SchemaMigration {

    public static final String CHANGELOG = "db/changelog/node-store.xml";
    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigration.class);

    public static void migrate(DataSource dataSource) {
        LiquibaseMigration.migrate(dataSource, CHANGELOG, "the node store");
        LOG.info("Node store schema is current ({})", CHANGELOG);
    }

    private SchemaMigration() {
    }
}
