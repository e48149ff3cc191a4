package rhix.exchange.api;

import java.util.List;
import rhix.region.NodeId;

/**
 * Every provider has answered. {@code releasedResultCount} is the number of results released, summed over
 * the providers; {@code failedProviders} are the ones that failed. Terminal.
 */
public record ExchangeCompletedEvent(
        String exchangeId,
        ExchangeOutcome outcome,
        int releasedResultCount,
        List<NodeId> failedProviders) {

    public ExchangeCompletedEvent {
        failedProviders = List.copyOf(failedProviders);
    }
}
