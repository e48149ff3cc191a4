package rhix.events.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import rhix.events.TransitionRefusedException;
import rhix.events.axon.EventSourcing;
import rhix.events.axon.EventSourcingSettings;
import rhix.events.axon.ExchangeCoreEventSourcing;
import rhix.events.store.EventStoreSchema;
import rhix.exchange.api.AuthoriseExchangeCommand;
import rhix.exchange.api.RecordProviderFailureCommand;
import rhix.exchange.api.RecordReleaseCommand;
import rhix.exchange.api.RequestExchangeCommand;
import rhix.grant.api.ApproveReviewStepCommand;
import rhix.grant.api.ColumnScope;
import rhix.grant.api.GrantKind;
import rhix.grant.api.RejectDataUseApplicationCommand;
import rhix.grant.api.ReviewStep;
import rhix.grant.api.RevokeGrantCommand;
import rhix.grant.api.RowScope;
import rhix.grant.api.SubmitDataUseApplicationCommand;
import rhix.grant.api.ViewScope;
import rhix.policy.Deidentification;
import rhix.policy.PurposeOfUse;
import rhix.recognition.api.NotRecognisedReason;
import rhix.recognition.api.RecordRecognitionCommand;
import rhix.recognition.api.RecordRepeatTestCommand;
import rhix.recognition.api.ResultReference;
import rhix.recognition.query.RecognitionSavings;
import rhix.region.NodeId;
import rhix.testing.TestDatabase;

/**
 * exchange-core's aggregates and read models as a service runs them: real Axon on real PostgreSQL, commands in,
 * rows out of {@code exchange_status}, {@code data_use_grant} and {@code recognition_decision}.
 */
class ReadModelsOnPostgresTest {

    private static final NodeId REQUESTER = NodeId.of("county-330102");
    private static final NodeId PROVIDER_A = NodeId.of("county-330105");
    private static final NodeId PROVIDER_B = NodeId.of("city-330200");

    private static TestDatabase database;
    private static HikariDataSource dataSource;
    private static Configuration axon;
    private static CommandGateway commands;

    @BeforeAll
    static void start() {
        database = TestDatabase.create("readmodels");
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(database.jdbcUrl());
        dataSource.setUsername(database.user());
        EventStoreSchema.migrate(dataSource);
        axon = EventSourcing.start(dataSource, new EventSourcingSettings(100, 50, Duration.ofSeconds(10)),
                List.of(new ExchangeCoreEventSourcing()));
        commands = axon.commandGateway();
    }

    @AfterAll
    static void stop() {
        axon.shutdown();
        dataSource.close();
        database.close();
    }

    @Test
    void anExchangeWithOneProviderDownEndsPartiallyCompletedNamingIt() throws Exception {
        commands.sendAndWait(new RequestExchangeCommand("ex-1", REQUESTER, "dr-li", PurposeOfUse.TREATMENT, "EP-1001",
                List.of("4548-4"), Instant.now().plusSeconds(30)));
        commands.sendAndWait(new AuthoriseExchangeCommand("ex-1", List.of(PROVIDER_A, PROVIDER_B)));
        commands.sendAndWait(new RecordReleaseCommand("ex-1", PROVIDER_A, 2, List.of("Observation/a1", "Observation/a2")));
        commands.sendAndWait(new RecordProviderFailureCommand("ex-1", PROVIDER_B, "UNAVAILABLE: connection refused", 3));

        awaitRow("SELECT state FROM exchange_status WHERE exchange_id = 'ex-1'", "PARTIALLY_COMPLETED");
        assertThat(row("SELECT released_providers, failed_providers, released_results, closed_at IS NOT NULL FROM exchange_status"
                + " WHERE exchange_id = 'ex-1'"))
                .containsExactly("county-330105", "city-330200 (UNAVAILABLE: connection refused, 3 attempts)", "2", "t");
    }

    @Test
    void aGrantIsReadableOnlyOnceBothStepsApprovedAndShowsItsRevocation() throws Exception {
        commands.sendAndWait(new SubmitDataUseApplicationCommand("app-1", "researcher-wang", "Zhejiang University",
                PurposeOfUse.RESEARCH, List.of(new ViewScope("lab_result", List.of(
                        new ColumnScope("loinc_code", Deidentification.NONE), new ColumnScope("person_id", Deidentification.HASH)))),
                new RowScope("effective >= 2025-01-01", List.of("330100")), Duration.ofDays(30), GrantKind.TEMPORARY));
        awaitRow("SELECT state FROM data_use_grant WHERE grant_id = 'app-1'", "UNDER_REVIEW");

        // An illegal transition against the stored events: the committee may not act before the department.
        assertThatThrownBy(() -> commands.sendAndWait(new ApproveReviewStepCommand("app-1", ReviewStep.DATA_SECURITY_COMMITTEE,
                "committee-chen", "fine")))
                .isInstanceOf(TransitionRefusedException.class)
                .hasMessageStartingWith("DATA_USE_STEP_OUT_OF_ORDER");
        assertThat(count("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = 'app-1'")).isEqualTo(1);

        commands.sendAndWait(new ApproveReviewStepCommand("app-1", ReviewStep.DEPARTMENT, "dept-zhao", "needed for the diabetes study"));
        commands.sendAndWait(new ApproveReviewStepCommand("app-1", ReviewStep.DATA_SECURITY_COMMITTEE, "committee-chen", "hash ids"));
        awaitRow("SELECT state FROM data_use_grant WHERE grant_id = 'app-1'", "GRANTED");
        assertThat(row("SELECT approved_steps, division_codes, valid_until - valid_from = interval '30 days', views FROM data_use_grant"
                + " WHERE grant_id = 'app-1'"))
                .containsExactly("DEPARTMENT,DATA_SECURITY_COMMITTEE", "330100", "t",
                        "[{\"view\":\"lab_result\",\"columns\":[{\"column\":\"loinc_code\",\"deidentification\":\"NONE\"},"
                                + "{\"column\":\"person_id\",\"deidentification\":\"HASH\"}]}]");

        commands.sendAndWait(new RevokeGrantCommand("app-1", "committee-chen", "study closed early"));
        awaitRow("SELECT state FROM data_use_grant WHERE grant_id = 'app-1'", "REVOKED");
        assertThat(row("SELECT closed_by, close_reason FROM data_use_grant WHERE grant_id = 'app-1'"))
                .containsExactly("committee-chen", "study closed early");
    }

    @Test
    void aRejectedApplicationNeverBecomesAGrant() throws Exception {
        commands.sendAndWait(new SubmitDataUseApplicationCommand("app-2", "analyst-qian", "CDC", PurposeOfUse.PUBLIC_HEALTH,
                List.of(new ViewScope("diagnosis", List.of(new ColumnScope("icd10_code", Deidentification.NONE)))),
                new RowScope("all", List.of()), Duration.ofDays(365), GrantKind.LONG_TERM));
        commands.sendAndWait(new RejectDataUseApplicationCommand("app-2", ReviewStep.DEPARTMENT, "dept-zhao", "aggregates suffice"));
        awaitRow("SELECT state FROM data_use_grant WHERE grant_id = 'app-2'", "REJECTED");

        assertThatThrownBy(() -> commands.sendAndWait(new ApproveReviewStepCommand("app-2", ReviewStep.DEPARTMENT, "dept-sun", "on appeal")))
                .isInstanceOf(TransitionRefusedException.class)
                .hasMessageStartingWith("DATA_USE_NOT_UNDER_REVIEW");
        assertThat(row("SELECT valid_from IS NULL, close_reason FROM data_use_grant WHERE grant_id = 'app-2'"))
                .containsExactly("t", "DEPARTMENT: aggregates suffice");
    }

    @Test
    void savingsCountRecognisedResultsThatWereNotRepeated() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        NodeId hospital = NodeId.of("h330102001");
        commands.sendAndWait(RecordRecognitionCommand.recognised("d-1", "ex-9", hospital, "EP-1", new ResultReference(PROVIDER_A, "Observation/o1"),
                "4548-4", 6_000));
        commands.sendAndWait(RecordRecognitionCommand.recognised("d-2", "ex-9", hospital, "EP-1", new ResultReference(PROVIDER_A, "Observation/o2"),
                "2345-7", 1_000));
        commands.sendAndWait(RecordRecognitionCommand.notRecognised("d-3", "ex-9", hospital, "EP-1", new ResultReference(PROVIDER_A, "Observation/o3"),
                "718-7", NotRecognisedReason.EXPIRED, "hemoglobin (718-7) taken 2026-10-01 is 62 days old; recognised for 7 days"));
        commands.sendAndWait(new RecordRepeatTestCommand("d-2", "dr-li", "patient on insulin since, repeated"));
        awaitRow("SELECT count(*) FROM recognition_decision WHERE repeat_ordered", "1");

        assertThat(new RecognitionSavings(dataSource).between(before, Instant.now().plusSeconds(1)))
                .containsExactly(new RecognitionSavings.HospitalSavings("h330102001", 3, 2, 1, 6_000));
    }

    private static void awaitRow(String sql, String expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        List<String> last = List.of();
        while (System.nanoTime() < deadline) {
            last = row(sql);
            if (last.equals(List.of(expected))) {
                return;
            }
            Thread.sleep(25);
        }
        throw new AssertionError(sql + " gave " + last + ", expected " + expected);
    }

    private static List<String> row(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet resultSet = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            if (resultSet.next()) {
                for (int i = 1; i <= resultSet.getMetaData().getColumnCount(); i++) {
                    values.add(resultSet.getString(i));
                }
            }
            return values;
        }
    }

    private static long count(String sql) throws SQLException {
        return Long.parseLong(row(sql).getFirst());
    }
}
