package rhix.exchange.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static rhix.events.CommandArguments.requireDistinct;
import static rhix.events.CommandArguments.requireFreeText;
import static rhix.events.CommandArguments.requirePresent;
import static rhix.events.CommandArguments.requireText;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import rhix.events.TransitionRefusedException;
import rhix.exchange.api.AuthoriseExchangeCommand;
import rhix.exchange.api.DenyExchangeCommand;
import rhix.exchange.api.ExchangeAuthorisedEvent;
import rhix.exchange.api.ExchangeCompletedEvent;
import rhix.exchange.api.ExchangeDeniedEvent;
import rhix.exchange.api.ExchangeExpiredEvent;
import rhix.exchange.api.ExchangeOutcome;
import rhix.exchange.api.ExchangeRequestedEvent;
import rhix.exchange.api.ExpireExchangeCommand;
import rhix.exchange.api.ProviderFailedEvent;
import rhix.exchange.api.ProviderReleasedEvent;
import rhix.exchange.api.RecordProviderFailureCommand;
import rhix.exchange.api.RecordReleaseCommand;
import rhix.exchange.api.RequestExchangeCommand;
import rhix.policy.PurposeOfUse;
import rhix.region.NodeId;

/**
 * One cross-node exchange of a patient's results: requested, authorised for the providers the record
 * locator names (or denied), answered by each provider with a release or a failure, and completed once all
 * have answered, or expired at its deadline. See the README's "Aggregates" for the diagram and codes.
 */
public class Exchange {

    @AggregateIdentifier
    private String exchangeId;
    private ExchangeState state;
    private ExchangeOutcome outcome;
    private Instant deadline;
    private final Set<NodeId> providers = new LinkedHashSet<>();
    private final Set<NodeId> pending = new LinkedHashSet<>();
    private final List<NodeId> failedProviders = new ArrayList<>();
    private int releasingProviders;
    private int releasedResultCount;

    /** For Axon, which rebuilds the exchange from its events. */
    protected Exchange() {
    }

    /** Creates the exchange; on an existing id it is refused, so a retried request cannot fork one. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RequestExchangeCommand command) {
        requireText(command.exchangeId(), "exchangeId");
        requirePresent(command.requestingNode(), "requestingNode");
        requireText(command.requester(), "requester");
        requirePresent(command.purpose(), "purpose");
        requireText(command.enterprisePersonId(), "enterprisePersonId");
        requireDistinct(command.itemCodes(), "itemCodes", false);
        requirePresent(command.deadline(), "deadline");
        Instant now = GenericEventMessage.clock.instant();
        if (!command.deadline().isAfter(now)) {
            throw new IllegalArgumentException("deadline " + command.deadline() + " is not after now (" + now + ")");
        }
        if (state != null) {
            throw new TransitionRefusedException("EXCHANGE_ALREADY_REQUESTED", "exchange " + exchangeId
                    + " was already requested and is " + describeState() + "; a new request needs a new exchange id");
        }
        // Minimum necessary: an exchange releases identified results to a treating clinician, so it serves
        // TREATMENT only. Research and statistics get de-identified data under a data-use grant, or
        // aggregates from a federated query; they never come through here.
        if (command.purpose() != PurposeOfUse.TREATMENT) {
            throw new TransitionRefusedException("EXCHANGE_PURPOSE_NOT_ALLOWED", "an exchange of results serves TREATMENT only, not "
                    + command.purpose() + "; research and public health use a data-use grant or a federated query");
        }
        apply(new ExchangeRequestedEvent(command.exchangeId(), command.requestingNode(), command.requester(),
                command.purpose(), command.enterprisePersonId(), command.itemCodes(), command.deadline()));
    }

    /**
     * With no provider there is nothing to wait for, so the exchange completes at once as COMPLETED with
     * nothing released: the patient has no results elsewhere, which is an answer, not a failure.
     */
    @CommandHandler
    public void handle(AuthoriseExchangeCommand command) {
        requireDistinct(command.providers(), "providers", true);
        refuseIfFinal();
        if (state == ExchangeState.AUTHORISED) {
            throw new TransitionRefusedException("EXCHANGE_ALREADY_AUTHORISED", "exchange " + exchangeId
                    + " is already AUTHORISED for providers " + providers
                    + "; only provider releases, provider failures or expiry may follow");
        }
        apply(new ExchangeAuthorisedEvent(exchangeId, command.providers()));
        completeIfAllAnswered();
    }

    @CommandHandler
    public void handle(DenyExchangeCommand command) {
        requireFreeText(command.reason(), "reason");
        refuseIfFinal();
        if (state == ExchangeState.AUTHORISED) {
            throw new TransitionRefusedException("EXCHANGE_ALREADY_AUTHORISED", "exchange " + exchangeId
                    + " is already AUTHORISED for providers " + providers + "; it can no longer be denied, only expire");
        }
        apply(new ExchangeDeniedEvent(exchangeId, command.reason()));
    }

    @CommandHandler
    public void handle(RecordReleaseCommand command) {
        requirePresent(command.providerNode(), "providerNode");
        requireDistinct(command.releasedResourceIds(), "releasedResourceIds", true);
        if (command.resultCount() != command.releasedResourceIds().size()) {
            throw new IllegalArgumentException("resultCount " + command.resultCount() + " does not match the "
                    + command.releasedResourceIds().size() + " releasedResourceIds");
        }
        refuseAnswerFrom(command.providerNode());
        apply(new ProviderReleasedEvent(exchangeId, command.providerNode(), command.resultCount(),
                command.releasedResourceIds()));
        completeIfAllAnswered();
    }

    @CommandHandler
    public void handle(RecordProviderFailureCommand command) {
        requirePresent(command.providerNode(), "providerNode");
        requireFreeText(command.reason(), "reason");
        if (command.attempts() < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, was " + command.attempts());
        }
        refuseAnswerFrom(command.providerNode());
        apply(new ProviderFailedEvent(exchangeId, command.providerNode(), command.reason(), command.attempts()));
        completeIfAllAnswered();
    }

    @CommandHandler
    public void handle(ExpireExchangeCommand command) {
        requirePresent(command.at(), "at");
        refuseIfFinal();
        if (command.at().isBefore(deadline)) {
            throw new TransitionRefusedException("EXCHANGE_DEADLINE_NOT_REACHED", "exchange " + exchangeId
                    + " has its deadline at " + deadline + "; it cannot expire at " + command.at() + ", before it");
        }
        apply(new ExchangeExpiredEvent(exchangeId, command.at(), List.copyOf(pending)));
    }

    private void refuseIfFinal() {
        if (state.isFinal()) {
            throw new TransitionRefusedException("EXCHANGE_CLOSED", "exchange " + exchangeId + " is "
                    + describeState() + ", which is final; nothing more can be recorded on it");
        }
    }

    private void refuseAnswerFrom(NodeId provider) {
        refuseIfFinal();
        if (state == ExchangeState.REQUESTED) {
            throw new TransitionRefusedException("EXCHANGE_NOT_AUTHORISED", "exchange " + exchangeId
                    + " is REQUESTED; a provider's release or failure is accepted only once it is authorised");
        }
        if (!providers.contains(provider)) {
            throw new TransitionRefusedException("EXCHANGE_UNKNOWN_PROVIDER", "node " + provider
                    + " is not among the providers of exchange " + exchangeId + " " + providers + "; only they may answer");
        }
        if (!pending.contains(provider)) {
            throw new TransitionRefusedException("EXCHANGE_PROVIDER_ALREADY_ANSWERED", "provider " + provider
                    + " already answered exchange " + exchangeId + "; each provider answers once (still pending: " + pending + ")");
        }
    }

    /** Reads the state the just-applied event left: Axon runs the event sourcing handler inside apply. */
    private void completeIfAllAnswered() {
        if (state == ExchangeState.AUTHORISED && pending.isEmpty()) {
            ExchangeOutcome outcome = failedProviders.isEmpty() ? ExchangeOutcome.COMPLETED
                    : releasingProviders == 0 ? ExchangeOutcome.FAILED
                    : ExchangeOutcome.PARTIALLY_COMPLETED;
            apply(new ExchangeCompletedEvent(exchangeId, outcome, releasedResultCount, failedProviders));
        }
    }

    private String describeState() {
        return state == ExchangeState.COMPLETED ? "COMPLETED (" + outcome + ")" : state.name();
    }

    @EventSourcingHandler
    void on(ExchangeRequestedEvent event) {
        exchangeId = event.exchangeId();
        deadline = event.deadline();
        state = ExchangeState.REQUESTED;
    }

    @EventSourcingHandler
    void on(ExchangeAuthorisedEvent event) {
        providers.addAll(event.providers());
        pending.addAll(event.providers());
        state = ExchangeState.AUTHORISED;
    }

    @EventSourcingHandler
    void on(ExchangeDeniedEvent event) {
        state = ExchangeState.DENIED;
    }

    @EventSourcingHandler
    void on(ProviderReleasedEvent event) {
        pending.remove(event.providerNode());
        releasingProviders++;
        releasedResultCount += event.resultCount();
    }

    @EventSourcingHandler
    void on(ProviderFailedEvent event) {
        pending.remove(event.providerNode());
        failedProviders.add(event.providerNode());
    }

    @EventSourcingHandler
    void on(ExchangeCompletedEvent event) {
        outcome = event.outcome();
        state = ExchangeState.COMPLETED;
    }

    @EventSourcingHandler
    void on(ExchangeExpiredEvent event) {
        state = ExchangeState.EXPIRED;
    }
}
