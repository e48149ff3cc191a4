package rhix.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import rhix.events.store.EventStoreSchema;

/**
 * A migrated event store in a fresh PostgreSQL database (or any JDBC URL), with Axon's own JDBC storage engine to
 * append real events. Hand-written SQL against {@code domainevententry} is for tampering only.
 */
public final class TestEventStore implements AutoCloseable {

    /** A stand-in for the exchange's events: who read what, why. */
    public record RecordAccessedEvent(String exchangeId, String requester, String purpose, int sequence) {
    }

    private final TestDatabase database;
    private final HikariDataSource dataSource;
    private final JdbcEventStorageEngine engine;

    private TestEventStore(TestDatabase database, String jdbcUrl, String user) {
        this.database = database;
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword("");
        config.setMaximumPoolSize(6);
        this.dataSource = new HikariDataSource(config);
        EventStoreSchema.migrate(dataSource);
        this.engine = engineOver(dataSource);
    }

    public static TestEventStore onPostgres(String purpose) {
        TestDatabase database = TestDatabase.create(purpose);
        return new TestEventStore(database, database.jdbcUrl(), database.user());
    }

    public static TestEventStore onJdbcUrl(String jdbcUrl, String user) {
        return new TestEventStore(null, jdbcUrl, user);
    }

    public static JdbcEventStorageEngine engineOver(DataSource dataSource) {
        return JdbcEventStorageEngine.builder()
                .connectionProvider(new DataSourceConnectionProvider(dataSource))
                .transactionManager(NoTransactionManager.INSTANCE)
                .eventSerializer(JacksonSerializer.defaultSerializer())
                .snapshotSerializer(JacksonSerializer.defaultSerializer())
                .build();
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public String jdbcUrl() {
        return dataSource.getJdbcUrl();
    }

    public JdbcEventStorageEngine engine() {
        return engine;
    }

    /** Appends {@code count} events, one per aggregate-sequence, through Axon; returns their event identifiers. */
    public List<String> appendRecordAccesses(int count) {
        String exchangeId = "exchange-" + UUID.randomUUID();
        List<DomainEventMessage<?>> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(new GenericDomainEventMessage<>("Exchange", exchangeId, i,
                    new RecordAccessedEvent(exchangeId, "dr-li", "TREAT", i)));
        }
        engine.appendEvents(events);
        return events.stream().map(DomainEventMessage::getIdentifier).toList();
    }

    /** Runs tampering SQL as an attacker with database access would. */
    public int tamper(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("tampering failed: " + sql + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        dataSource.close();
        if (database != null) {
            database.close();
        }
    }
}
