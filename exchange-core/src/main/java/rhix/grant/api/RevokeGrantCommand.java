package rhix.grant.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Withdraws a grant before it expires; {@code by} is the principal id of the administrator or reviewer. */
public record RevokeGrantCommand(@TargetAggregateIdentifier String grantId, String by, String reason) {
}
