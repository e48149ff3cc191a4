package rhix.events.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.config.ProcessingGroup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import rhix.events.TransitionRefusedException;
import rhix.events.store.EventStoreSchema;
import rhix.testing.TestDatabase;

/** The Axon wiring against real PostgreSQL: events stored by Liquibase-made tables, projections with their tokens. */
class EventSourcingOnPostgresTest {

    private TestDatabase database;
    private HikariDataSource dataSource;
    private Configuration axon;

    @BeforeEach
    void startEventStore() throws SQLException {
        database = TestDatabase.create("eventsourcing");
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(database.jdbcUrl());
        dataSource.setUsername(database.user());
        EventStoreSchema.migrate(dataSource);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE tally_view (tally_id VARCHAR(64) PRIMARY KEY, total INT NOT NULL, updates INT NOT NULL)");
        }
    }

    @AfterEach
    void stop() {
        if (axon != null) {
            axon.shutdown();
        }
        dataSource.close();
        database.close();
    }

    @Test
    void commandsAppendEventsToPostgresAndAggregatesLoadFromThem() throws SQLException {
        axon = start(List.of());
        axon.commandGateway().sendAndWait(new TallyAggregate.OpenTally("t-1"));
        axon.commandGateway().sendAndWait(new TallyAggregate.AddToTally("t-1", 5));
        // The aggregate is loaded from the stored events: the total continues from 5.
        axon.commandGateway().sendAndWait(new TallyAggregate.AddToTally("t-1", 2));

        assertThat(storedPayloads()).containsExactly(
                "{\"tallyId\":\"t-1\"}",
                "{\"tallyId\":\"t-1\",\"amount\":5,\"total\":5}",
                "{\"tallyId\":\"t-1\",\"amount\":2,\"total\":7}");
    }

    @Test
    void aRefusedCommandStoresNothingAndSaysWhy() throws SQLException {
        axon = start(List.of());
        axon.commandGateway().sendAndWait(new TallyAggregate.OpenTally("t-2"));

        assertThatThrownBy(() -> axon.commandGateway().sendAndWait(new TallyAggregate.AddToTally("t-2", -3)))
                .isInstanceOf(TransitionRefusedException.class)
                .hasMessage("TALLY_AMOUNT_NOT_POSITIVE: a tally only grows; -3 refused");
        assertThat(storedPayloads()).hasSize(1);
    }

    @Test
    void aProjectionAndItsTokenCommitTogetherSoARestartDoesNotReapplyEvents() throws Exception {
        axon = start(List.of(configurer -> configurer.registerEventHandler(c -> new TallyProjection(c.getComponent(JdbcTransactions.class)))));
        axon.commandGateway().sendAndWait(new TallyAggregate.OpenTally("t-3"));
        axon.commandGateway().sendAndWait(new TallyAggregate.AddToTally("t-3", 4));
        awaitView("t-3", 4);
        axon.shutdown();

        axon = start(List.of(configurer -> configurer.registerEventHandler(c -> new TallyProjection(c.getComponent(JdbcTransactions.class)))));
        axon.commandGateway().sendAndWait(new TallyAggregate.AddToTally("t-3", 1));
        awaitView("t-3", 5);

        assertThat(query("SELECT updates FROM tally_view WHERE tally_id = 't-3'")).containsExactly("3");
        assertThat(query("SELECT processorname FROM tokenentry")).containsExactly("tally-view");
    }

    private Configuration start(List<EventSourcingModule> modules) {
        List<EventSourcingModule> all = new ArrayList<>(modules);
        all.add(configurer -> configurer.configureAggregate(TallyAggregate.class));
        return EventSourcing.start(dataSource, new EventSourcingSettings(100, 50, Duration.ofSeconds(10)), all);
    }

    private List<String> storedPayloads() throws SQLException {
        return query("SELECT convert_from(payload, 'UTF8') FROM domainevententry ORDER BY globalindex");
    }

    private List<String> query(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet resultSet = statement.executeQuery(sql)) {
            while (resultSet.next()) {
                rows.add(resultSet.getString(1));
            }
        }
        return rows;
    }

    private void awaitView(String tallyId, int total) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (query("SELECT total FROM tally_view WHERE tally_id = '" + tallyId + "'").equals(List.of(String.valueOf(total)))) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("tally_view did not reach " + total + " for " + tallyId + ": " + query("SELECT * FROM tally_view"));
    }

    @ProcessingGroup("tally-view")
    static final class TallyProjection {

        private final JdbcTransactions transactions;

        TallyProjection(JdbcTransactions transactions) {
            this.transactions = transactions;
        }

        @EventHandler
        void on(TallyAggregate.TallyOpened event) throws SQLException {
            write("INSERT INTO tally_view (tally_id, total, updates) VALUES (?, 0, 1)", event.tallyId(), null);
        }

        @EventHandler
        void on(TallyAggregate.TallyIncreased event, EventMessage<?> message) throws SQLException {
            write("UPDATE tally_view SET total = ?, updates = updates + 1 WHERE tally_id = ?", event.tallyId(), event.total());
        }

        private void write(String sql, String tallyId, Integer total) throws SQLException {
            try (Connection connection = transactions.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
                if (total == null) {
                    statement.setString(1, tallyId);
                } else {
                    statement.setInt(1, total);
                    statement.setString(2, tallyId);
                }
                statement.executeUpdate();
            }
        }
    }
}
