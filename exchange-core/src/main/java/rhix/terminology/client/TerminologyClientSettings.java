package rhix.terminology.client;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How a node talks to the region's terminology server.
 *
 * @param baseUrl    the server's FHIR base, e.g. {@code http://terminology:8590/fhir}
 * @param timeout    per call; a slow server must not hold ingestion up
 * @param freshFor   how long an answer is served from the cache without asking again: code systems change by
 *                   new versions, rarely, so minutes are safe
 * @param keepStale  how long an expired answer is still served when the server does not answer
 * @param maxEntries answers kept, least recently used dropped first
 */
public record TerminologyClientSettings(URI baseUrl, Duration timeout, Duration freshFor, Duration keepStale, int maxEntries) {

    public TerminologyClientSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        if (timeout.isNegative() || timeout.isZero() || freshFor.isNegative() || keepStale.isNegative() || maxEntries < 1) {
            throw new IllegalArgumentException("timeout must be positive, freshFor and keepStale not negative, maxEntries at least 1");
        }
    }

    /** 2 s timeout, answers fresh for 10 minutes, served stale up to a day when the server is down, 100,000 kept. */
    public static TerminologyClientSettings defaults(URI baseUrl) {
        return new TerminologyClientSettings(baseUrl, Duration.ofSeconds(2), Duration.ofMinutes(10), Duration.ofDays(1), 100_000);
    }
}
