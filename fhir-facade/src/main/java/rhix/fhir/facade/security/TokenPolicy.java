package rhix.fhir.facade.security;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a token must satisfy besides its signature.
 *
 * @param issuer               the only accepted {@code iss}: the region's authorization server
 * @param audience             when present, {@code aud} must contain it (e.g. the node's FHIR base URL)
 * @param clockSkew            tolerance on {@code exp}/{@code nbf} for clocks that drift between servers
 * @param purposeOfUseRequired whether a token must state why (claim {@code purpose_of_use})
 */
public record TokenPolicy(String issuer, Optional<String> audience, Duration clockSkew, boolean purposeOfUseRequired) {

    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);

    public TokenPolicy {
        if (issuer == null || issuer.isBlank()) {
            throw new IllegalArgumentException("the token issuer is required");
        }
        Objects.requireNonNull(audience, "audience is null");
        if (clockSkew == null || clockSkew.isNegative() || clockSkew.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("the clock skew must be between 0 and 5 minutes, was " + clockSkew);
        }
    }
}
