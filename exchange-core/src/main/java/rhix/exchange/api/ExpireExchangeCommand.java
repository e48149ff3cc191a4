package rhix.exchange.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sent by the exchange saga at the deadline; {@code at} is when the deadline fired. */
public record ExpireExchangeCommand(@TargetAggregateIdentifier String exchangeId, Instant at) {
}
