package rhix.exchange.api;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import rhix.region.NodeId;

/** The record locator's answer: the nodes holding the patient's data, each of which will be asked. */
public record AuthoriseExchangeCommand(@TargetAggregateIdentifier String exchangeId, List<NodeId> providers) {
}
