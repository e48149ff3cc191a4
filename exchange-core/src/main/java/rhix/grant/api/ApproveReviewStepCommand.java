package rhix.grant.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ApproveReviewStepCommand(
        @TargetAggregateIdentifier String applicationId, ReviewStep step, String reviewer, String comment) {
}
