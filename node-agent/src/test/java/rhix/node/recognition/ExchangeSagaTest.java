package rhix.node.recognition;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.axonframework.test.matchers.Matchers;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import rhix.exchange.api.AuthoriseExchangeCommand;
import rhix.exchange.api.DenyExchangeCommand;
import rhix.exchange.api.ExchangeAuthorisedEvent;
import rhix.exchange.api.ExchangeCompletedEvent;
import rhix.exchange.api.ExchangeOutcome;
import rhix.exchange.api.ExchangeRequestedEvent;
import rhix.exchange.api.ExpireExchangeCommand;
import rhix.node.mpi.RecordLocation;
import rhix.policy.PurposeOfUse;
import rhix.region.NodeId;

/** The exchange saga's decisions, one behaviour per test, with the MPI and providers stood in for. */
class ExchangeSagaTest {

    private static final String EXCHANGE = "exchange-1";
    private static final NodeId REQUESTER = NodeId.of("county-330106");
    private static final NodeId PROVIDER = NodeId.of("county-330102");

    private final SagaTestFixture<ExchangeSaga> fixture = new SagaTestFixture<>(ExchangeSaga.class);
    private final StandInSteps steps = new StandInSteps();
    private Instant deadline;

    @BeforeEach
    void standIn() {
        fixture.registerResource(steps);
        deadline = fixture.currentTime().plus(Duration.ofSeconds(3));
    }

    @Test
    void locatedRecordsOnOtherNodesAuthoriseTheExchangeForThoseNodesOnly() {
        steps.location = new RecordLocation.Located("EID-P", List.of(new RecordLocation.LocatedRecord(REQUESTER.value(), "a-1"),
                new RecordLocation.LocatedRecord(PROVIDER.value(), "b-7")));

        fixture.givenNoPriorActivity().whenPublishingA(requested())
                .expectActiveSagas(1)
                .expectScheduledDeadlineWithName(deadline, ExchangeSaga.DEADLINE)
                .expectDispatchedCommands(new AuthoriseExchangeCommand(EXCHANGE, List.of(PROVIDER)));
    }

    @Test
    void anUnreachableMpiDeniesTheExchangeSayingSo() {
        steps.location = new RecordLocation.Unreachable("the MPI at mpi:9090 did not answer: UNAVAILABLE");

        fixture.givenNoPriorActivity().whenPublishingA(requested())
                .expectDispatchedCommands(new DenyExchangeCommand(EXCHANGE,
                        "the MPI could not be asked where the person's records are: the MPI at mpi:9090 did not answer: UNAVAILABLE"));
    }

    @Test
    void authorisationAsksEveryProviderWithItsLocalIds() {
        steps.location = new RecordLocation.Located("EID-P", List.of(new RecordLocation.LocatedRecord(PROVIDER.value(), "b-7")));

        fixture.givenAPublished(requested()).whenPublishingA(new ExchangeAuthorisedEvent(EXCHANGE, List.of(PROVIDER)));

        assertThat(steps.asked).containsExactly(Map.of(PROVIDER.value(), List.of("b-7")));
    }

    @Test
    void theDeadlineExpiresTheExchange() {
        steps.location = new RecordLocation.Located("EID-P", List.of(new RecordLocation.LocatedRecord(PROVIDER.value(), "b-7")));

        fixture.givenAPublished(requested()).andThenAPublished(new ExchangeAuthorisedEvent(EXCHANGE, List.of(PROVIDER)))
                .whenTimeElapses(Duration.ofSeconds(4))
                .expectTriggeredDeadlinesWithName(ExchangeSaga.DEADLINE)
                .expectDispatchedCommandsMatching(Matchers.payloadsMatching(Matchers.exactSequenceOf(
                        org.hamcrest.Matchers.instanceOf(ExpireExchangeCommand.class))));
    }

    @Test
    void completionEndsTheSagaAndHandsOverTheEnd() {
        steps.location = new RecordLocation.Located("EID-P", List.of(new RecordLocation.LocatedRecord(PROVIDER.value(), "b-7")));

        fixture.givenAPublished(requested())
                .whenPublishingA(new ExchangeCompletedEvent(EXCHANGE, ExchangeOutcome.COMPLETED, 1, List.of()))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
        assertThat(steps.ends).containsExactly(new ExchangeEnd(ExchangeEnd.State.COMPLETED, "", List.of()));
    }

    private ExchangeRequestedEvent requested() {
        return new ExchangeRequestedEvent(EXCHANGE, REQUESTER, "dr-liu", PurposeOfUse.TREATMENT, "EID-P",
                List.of("http://loinc.org|2345-7"), deadline);
    }

    /** Answers the MPI question with what the test set, and remembers who was asked and how exchanges ended. */
    static final class StandInSteps implements ExchangeSteps {
        RecordLocation location;
        final List<Map<String, List<String>>> asked = new ArrayList<>();
        final List<ExchangeEnd> ends = new ArrayList<>();

        @Override
        public RecordLocation locate(String enterprisePersonId) {
            return location;
        }

        @Override
        public void authorised(String exchangeId, List<NodeId> providers) {
        }

        @Override
        public void askAll(String exchangeId, String requestingNode, String requester, List<String> itemCodes,
                           Map<String, List<String>> localIdsByProvider, Consumer<Object> commands) {
            asked.add(Map.copyOf(localIdsByProvider));
        }

        @Override
        public void ended(String exchangeId, ExchangeEnd end) {
            ends.add(end);
        }
    }
}
