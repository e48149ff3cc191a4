package rhix.grant.api;

import java.time.Instant;

/** The grant reached its {@code validUntil} unrevoked; terminal. */
public record DataUseGrantExpiredEvent(String grantId, Instant expiredAt) {
}
