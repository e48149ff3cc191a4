package rhix.exchange.api;

import rhix.region.NodeId;

public record ProviderFailedEvent(String exchangeId, NodeId providerNode, String reason, int attempts) {
}
