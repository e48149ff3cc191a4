package rhix.node.store;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LiquibaseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Brings a node store to the schema of {@value #CHANGELOG}, the only way the schema changes. */
public final class SchemaMigration {

    public static final String CHANGELOG = "db/changelog/node-store.xml";
    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigration.class);

    public static void migrate(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            Database database = DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new JdbcConnection(connection));
            new CommandScope(UpdateCommandStep.COMMAND_NAME)
                    .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                    .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, CHANGELOG)
                    .execute();
            LOG.info("Node store schema is current ({})", CHANGELOG);
        } catch (SQLException | LiquibaseException e) {
            throw new IllegalStateException("could not migrate the node store with " + CHANGELOG + ": " + e.getMessage(), e);
        }
    }

    private SchemaMigration() {
    }
}
