package rhix.events.store;

import javax.sql.DataSource;
import rhix.schema.LiquibaseMigration;

/**
 * Brings a database to the event store's schema ({@value #CHANGELOG}): Axon's tables, the audit chain, the
 * per-person keys and the read models. A service whose own changelog includes this file need not call it.
 */
public final class EventStoreSchema {

    public static final String CHANGELOG = "db/exchange-core/changelog.xml";

    public static void migrate(DataSource dataSource) {
        LiquibaseMigration.migrate(dataSource, CHANGELOG, "the event store");
    }

    private EventStoreSchema() {
    }
}
