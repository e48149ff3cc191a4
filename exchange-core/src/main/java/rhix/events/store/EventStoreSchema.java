package rhix.events.store;

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

/**
 * Brings an event store database to the schema of {@value #CHANGELOG}: Axon's tables, the audit chain and the
 * per-person data keys. Liquibase owns every table; nothing else creates or alters them.
 */
public final class EventStoreSchema {

    public static final String CHANGELOG = "db/exchange-core/changelog.xml";
    private static final Logger LOG = LoggerFactory.getLogger(EventStoreSchema.class);

    public static void migrate(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            Database database = DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new JdbcConnection(connection));
            new CommandScope(UpdateCommandStep.COMMAND_NAME)
                    .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                    .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, CHANGELOG)
                    .execute();
            LOG.info("Event store schema is current ({})", CHANGELOG);
        } catch (SQLException | LiquibaseException e) {
            throw new IllegalStateException("could not migrate the event store with " + CHANGELOG + ": " + e.getMessage(), e);
        }
    }

    private EventStoreSchema() {
    }
}
