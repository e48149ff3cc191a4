package rhix.grant.api;

/** The application was rejected at {@code step}; terminal (the applicant may apply again, as a new application). */
public record DataUseApplicationRejectedEvent(String applicationId, ReviewStep step, String reviewer, String reason) {
}
