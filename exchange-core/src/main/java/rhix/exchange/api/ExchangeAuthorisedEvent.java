package rhix.exchange.api;

import java.util.List;
import rhix.region.NodeId;

/** The exchange may go ahead; each provider owes one answer: a release or a failure. */
public record ExchangeAuthorisedEvent(String exchangeId, List<NodeId> providers) {

    public ExchangeAuthorisedEvent {
        providers = List.copyOf(providers);
    }
}
