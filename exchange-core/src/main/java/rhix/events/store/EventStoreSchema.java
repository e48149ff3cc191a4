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

/**
 * Brings a database to the event store's schema ({@value #CHANGELOG}): Axon's tables, the audit chain, the
 * per-person keys and the read models. A service whose own changelog includes this file need not call it.
 */
public final class EventStoreSchema {

    public static final String CHANGELOG = "db/exchange-core/changelog.xml";

    public static void migrate(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            Database database = DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new JdbcConnection(connection));
            new CommandScope(UpdateCommandStep.COMMAND_NAME)
                    .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                    .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, CHANGELOG)
                    .execute();
        } catch (SQLException | LiquibaseException e) {
            throw new IllegalStateException("could not migrate the event store with " + CHANGELOG + ": " + e.getMessage(), e);
        }
    }

    private EventStoreSchema() {
    }
}
