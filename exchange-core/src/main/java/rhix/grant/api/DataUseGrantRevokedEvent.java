package rhix.grant.api;

/** The grant no longer holds; terminal. */
public record DataUseGrantRevokedEvent(String grantId, String by, String reason) {
}
