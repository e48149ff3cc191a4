package rhix.grant.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RejectDataUseApplicationCommand(
        @TargetAggregateIdentifier String applicationId, ReviewStep step, String reviewer, String reason) {
}
