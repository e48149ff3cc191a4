package rhix.exchange.api;

import java.time.Instant;
import java.util.List;
import rhix.region.NodeId;

/**
 * The deadline passed before every provider answered. {@code pendingProviders} are those that had not
 * (empty when the exchange was never authorised). Results released before expiry stay released. Terminal.
 */
public record ExchangeExpiredEvent(String exchangeId, Instant at, List<NodeId> pendingProviders) {

    public ExchangeExpiredEvent {
        pendingProviders = List.copyOf(pendingProviders);
    }
}
