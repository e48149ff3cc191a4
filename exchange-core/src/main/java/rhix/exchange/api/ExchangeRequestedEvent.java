package rhix.exchange.api;

import java.time.Instant;
import java.util.List;
import rhix.policy.PurposeOfUse;
import rhix.region.NodeId;

/** An exchange was asked for; {@code requester} is the principal id of the clinician or system asking. */
public record ExchangeRequestedEvent(
        String exchangeId,
        NodeId requestingNode,
        String requester,
        PurposeOfUse purpose,
        String enterprisePersonId,
        List<String> itemCodes,
        Instant deadline) {

    public ExchangeRequestedEvent {
        itemCodes = List.copyOf(itemCodes);
    }
}
