package rhix.exchange.api;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import rhix.region.NodeId;

/**
 * A provider released results. {@code resultCount} must equal the number of {@code releasedResourceIds}: the
 * count is what statistics read, the ids are what an audit follows, and the two must not disagree.
 * A provider that holds nothing matching releases zero results.
 */
public record RecordReleaseCommand(
        @TargetAggregateIdentifier String exchangeId,
        NodeId providerNode,
        int resultCount,
        List<String> releasedResourceIds) {
}
