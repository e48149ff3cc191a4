package rhix.exchange.api;

import java.util.List;
import rhix.region.NodeId;

public record ProviderReleasedEvent(String exchangeId, NodeId providerNode, int resultCount, List<String> releasedResourceIds) {

    public ProviderReleasedEvent {
        releasedResourceIds = List.copyOf(releasedResourceIds);
    }
}
