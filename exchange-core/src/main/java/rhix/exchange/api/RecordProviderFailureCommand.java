package rhix.exchange.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import rhix.region.NodeId;

/** A provider could not answer after {@code attempts} tries (the saga retries before giving up). */
public record RecordProviderFailureCommand(
        @TargetAggregateIdentifier String exchangeId,
        NodeId providerNode,
        String reason,
        int attempts) {
}
