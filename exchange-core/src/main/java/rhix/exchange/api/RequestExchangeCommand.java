package rhix.exchange.api;

import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import rhix.policy.PurposeOfUse;
import rhix.region.NodeId;

/**
 * A requesting node asks for one patient's results of some tests. The patient is named only by the MPI's
 * enterprise id; {@code itemCodes} are the tests asked for (LOINC or local codes).
 */
public record RequestExchangeCommand(
        @TargetAggregateIdentifier String exchangeId,
        NodeId requestingNode,
        String requester,
        PurposeOfUse purpose,
        String enterprisePersonId,
        List<String> itemCodes,
        Instant deadline) {
}
