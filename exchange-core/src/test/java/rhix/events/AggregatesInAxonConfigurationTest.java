package rhix.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import rhix.exchange.api.AuthoriseExchangeCommand;
import rhix.exchange.api.ExchangeAuthorisedEvent;
import rhix.exchange.api.ExchangeCompletedEvent;
import rhix.exchange.api.ExchangeRequestedEvent;
import rhix.exchange.api.RequestExchangeCommand;
import rhix.exchange.command.Exchange;
import rhix.grant.api.ApproveReviewStepCommand;
import rhix.grant.api.ColumnScope;
import rhix.grant.api.DataUseApplicationSubmittedEvent;
import rhix.grant.api.DataUseGrantRevokedEvent;
import rhix.grant.api.DataUseGrantedEvent;
import rhix.grant.api.GrantKind;
import rhix.grant.api.ReviewStep;
import rhix.grant.api.ReviewStepApprovedEvent;
import rhix.grant.api.RevokeGrantCommand;
import rhix.grant.api.RowScope;
import rhix.grant.api.SubmitDataUseApplicationCommand;
import rhix.grant.api.ViewScope;
import rhix.grant.command.DataUseApplication;
import rhix.policy.Deidentification;
import rhix.policy.PurposeOfUse;
import rhix.recognition.api.RecordRecognitionCommand;
import rhix.recognition.command.RecognitionDecision;
import rhix.recognition.api.ResultReference;
import rhix.region.NodeId;

/**
 * The aggregates as production registers them (no Spring, no fixture): commands routed by their
 * {@code @TargetAggregateIdentifier} record components, creation on a new id only, and the grant's
 * {@code DeadlineManager} injected from the configuration's default.
 */
class AggregatesInAxonConfigurationTest {

    private Configuration axon;
    private CommandGateway commands;

    @BeforeEach
    void start() {
        var serializer = JacksonSerializer.builder().objectMapper(new ObjectMapper().registerModule(new JavaTimeModule())).build();
        axon = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(configuration -> new InMemoryEventStorageEngine())
                .configureEventSerializer(configuration -> serializer)
                .configureAggregate(Exchange.class)
                .configureAggregate(RecognitionDecision.class)
                .configureAggregate(DataUseApplication.class)
                .start();
        commands = axon.commandGateway();
    }

    @AfterEach
    void stop() {
        axon.shutdown();
    }

    private List<Object> eventsOf(String aggregateId) {
        return axon.eventStore().readEvents(aggregateId).asStream().map(EventMessage::getPayload).map(Object.class::cast).toList();
    }

    @Test
    void exchangeWithNoProvidersCompletes() {
        commands.sendAndWait(new RequestExchangeCommand("ex-1", NodeId.of("hospital-1"), "dr-0042", PurposeOfUse.TREATMENT,
                "EP-7f3a9c", List.of("2345-7"), Instant.now().plus(Duration.ofMinutes(5))));
        commands.sendAndWait(new AuthoriseExchangeCommand("ex-1", List.of()));

        assertThat(eventsOf("ex-1")).extracting(Object::getClass).containsExactly(
                ExchangeRequestedEvent.class, ExchangeAuthorisedEvent.class, ExchangeCompletedEvent.class);
    }

    @Test
    void secondVerdictOnADecisionReachesTheCallerAsARefusal() {
        var verdict = RecordRecognitionCommand.recognised("rd-1", "ex-1", NodeId.of("hospital-1"), "EP-7f3a9c",
                new ResultReference(NodeId.of("county-1"), "Observation/1"), "2823-3", 1_250);
        commands.sendAndWait(verdict);

        assertThatThrownBy(() -> commands.sendAndWait(verdict))
                .isInstanceOfSatisfying(TransitionRefusedException.class,
                        refusal -> assertThat(refusal.code()).isEqualTo("RECOGNITION_ALREADY_DECIDED"));
    }

    @Test
    void grantIsApprovedAndRevokedWithTheConfiguredDeadlineManager() {
        commands.sendAndWait(new SubmitDataUseApplicationCommand("dua-1", "researcher-17", "Provincial CDC",
                PurposeOfUse.PUBLIC_HEALTH,
                List.of(new ViewScope("lab_result", List.of(new ColumnScope("value", Deidentification.NONE)))),
                new RowScope("all", List.of()), Duration.ofDays(30), GrantKind.TEMPORARY));
        commands.sendAndWait(new ApproveReviewStepCommand("dua-1", ReviewStep.DEPARTMENT, "head-03", "同意"));
        commands.sendAndWait(new ApproveReviewStepCommand("dua-1", ReviewStep.DATA_SECURITY_COMMITTEE, "dsc-01", "同意"));
        commands.sendAndWait(new RevokeGrantCommand("dua-1", "admin-01", "study cancelled"));

        assertThat(eventsOf("dua-1")).extracting(Object::getClass).containsExactly(
                DataUseApplicationSubmittedEvent.class, ReviewStepApprovedEvent.class, ReviewStepApprovedEvent.class,
                DataUseGrantedEvent.class, DataUseGrantRevokedEvent.class);
    }
}
