package rhix.exchange.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record DenyExchangeCommand(@TargetAggregateIdentifier String exchangeId, String reason) {
}
