package rhix.schema;

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

/** Brings a database to the schema of a Liquibase changelog on the class path: the only way any RHIX schema changes. */
public final class LiquibaseMigration {

    /**
     * Applies the changelog's pending changesets; {@code storeName} names the store in the error
     * ("the node store", "the MPI store") when it fails.
     */
    public static void migrate(DataSource dataSource, String changelog, String storeName) {
        try (Connection connection = dataSource.getConnection()) {
            Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
            new CommandScope(UpdateCommandStep.COMMAND_NAME)
                    .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                    .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, changelog)
                    .execute();
        } catch (SQLException | LiquibaseException e) {
            throw new IllegalStateException("could not migrate " + storeName + " with " + changelog + ": " + e.getMessage(), e);
        }
    }

    private LiquibaseMigration() {
    }
}
