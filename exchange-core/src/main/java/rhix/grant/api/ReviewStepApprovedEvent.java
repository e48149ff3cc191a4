package rhix.grant.api;

public record ReviewStepApprovedEvent(String applicationId, ReviewStep step, String reviewer, String comment) {
}
