package rhix.node.recognition;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rhix.exchange.api.AuthoriseExchangeCommand;
import rhix.exchange.api.DenyExchangeCommand;
import rhix.exchange.api.ExchangeAuthorisedEvent;
import rhix.exchange.api.ExchangeCompletedEvent;
import rhix.exchange.api.ExchangeDeniedEvent;
import rhix.exchange.api.ExchangeExpiredEvent;
import rhix.exchange.api.ExchangeRequestedEvent;
import rhix.exchange.api.ExpireExchangeCommand;
import rhix.node.mpi.RecordLocation;
import rhix.region.NodeId;

/**
 * One mutual-recognition exchange as the requesting node runs it: locate the person's records through the MPI,
 * authorise the exchange for the other nodes holding them (or deny it, saying why), ask every provider at once,
 * and expire the exchange at its deadline if some never answer. Ends with the exchange.
 *
 * <p>Its state is JSON in the saga store (the {@code @JsonProperty} fields; the services are {@code transient} and injected by Axon
 * from the configuration's components on every load).
 */
public class ExchangeSaga {

    public static final String PROCESSING_GROUP = "ExchangeSagaProcessor";
    static final String DEADLINE = "exchange-deadline";
    private static final String ASSOCIATION = "exchangeId";
    private static final Logger LOG = LoggerFactory.getLogger(ExchangeSaga.class);

    @JsonProperty
    private String exchangeId;
    @JsonProperty
    private String requestingNode;
    @JsonProperty
    private String requester;
    @JsonProperty
    private List<String> itemCodes = new ArrayList<>();
    @JsonProperty
    private Instant deadline;
    @JsonProperty
    private String deadlineId;
    /** The providers' own Patient ids of the person, as the record locator gave them. */
    @JsonProperty
    private Map<String, List<String>> localIdsByProvider = new LinkedHashMap<>();

    @Inject
    private transient CommandGateway commandGateway;
    @Inject
    private transient DeadlineManager deadlineManager;
    @Inject
    private transient ExchangeSteps steps;

    @StartSaga
    @SagaEventHandler(associationProperty = ASSOCIATION)
    public void on(ExchangeRequestedEvent event) {
        exchangeId = event.exchangeId();
        requestingNode = event.requestingNode().value();
        requester = event.requester();
        itemCodes = new ArrayList<>(event.itemCodes());
        deadline = event.deadline();
        deadlineId = deadlineManager.schedule(deadline, DEADLINE);
        switch (steps.locate(event.enterprisePersonId())) {
            case RecordLocation.Located located -> {
                located.records().stream().filter(record -> !record.nodeId().equals(requestingNode))
                        .forEach(record -> localIdsByProvider.computeIfAbsent(record.nodeId(), node -> new ArrayList<>())
                                .add(record.localId()));
                send(new AuthoriseExchangeCommand(exchangeId, localIdsByProvider.keySet().stream().map(NodeId::of).toList()));
            }
            case RecordLocation.Unknown unknown -> send(new DenyExchangeCommand(exchangeId,
                    "the MPI does not know the person: " + unknown.reason()));
            case RecordLocation.Unreachable unreachable -> send(new DenyExchangeCommand(exchangeId,
                    "the MPI could not be asked where the person's records are: " + unreachable.reason()));
        }
    }

    @SagaEventHandler(associationProperty = ASSOCIATION)
    public void on(ExchangeAuthorisedEvent event) {
        steps.authorised(exchangeId, event.providers());
        steps.askAll(exchangeId, requestingNode, requester, itemCodes, localIdsByProvider, this::send);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = ASSOCIATION)
    public void on(ExchangeCompletedEvent event) {
        end(new ExchangeEnd(ExchangeEnd.State.valueOf(event.outcome().name()), "", List.of()));
    }

    @EndSaga
    @SagaEventHandler(associationProperty = ASSOCIATION)
    public void on(ExchangeExpiredEvent event) {
        end(new ExchangeEnd(ExchangeEnd.State.EXPIRED, "", event.pendingProviders().stream().map(NodeId::value).toList()));
    }

    @EndSaga
    @SagaEventHandler(associationProperty = ASSOCIATION)
    public void on(ExchangeDeniedEvent event) {
        end(new ExchangeEnd(ExchangeEnd.State.DENIED, event.reason(), List.of()));
    }

    @DeadlineHandler(deadlineName = DEADLINE)
    public void deadlinePassed() {
        Instant now = Instant.now();
        // The exchange refuses an expiry dated before its deadline; a timer that fires a little early must not be refused.
        send(new ExpireExchangeCommand(exchangeId, now.isBefore(deadline) ? deadline : now));
    }

    private void end(ExchangeEnd end) {
        if (deadlineId != null) {
            deadlineManager.cancelSchedule(DEADLINE, deadlineId);
        }
        steps.ended(exchangeId, end);
    }

    /**
     * Commands race with the deadline and with each other (a late answer after expiry); the exchange refuses what no
     * longer applies, which is logged, not retried.
     */
    private void send(Object command) {
        commandGateway.send(command).whenComplete((result, failure) -> {
            if (failure != null) {
                LOG.info("exchange '{}': {} not recorded: {}", exchangeId, command.getClass().getSimpleName(), failure.getMessage());
            }
        });
    }
}
