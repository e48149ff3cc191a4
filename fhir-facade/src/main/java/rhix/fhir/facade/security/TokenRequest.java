package rhix.fhir.facade.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The claims of a token {@link LocalTokenIssuer} signs: who, what scopes, why, and when it is valid.
 * Build with {@link #of} and the {@code with…} methods.
 */
public record TokenRequest(String subject, String scope, Optional<String> purposeOfUse, Optional<String> patient,
                           Optional<String> clientId, Optional<String> audience, Instant notBefore, Instant expiresAt) {

    public static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);

    public TokenRequest {
        Objects.requireNonNull(subject, "subject is null");
        Objects.requireNonNull(scope, "scope is null");
        Objects.requireNonNull(purposeOfUse, "purposeOfUse is null");
        Objects.requireNonNull(patient, "patient is null");
        Objects.requireNonNull(clientId, "clientId is null");
        Objects.requireNonNull(audience, "audience is null");
        Objects.requireNonNull(notBefore, "notBefore is null");
        Objects.requireNonNull(expiresAt, "expiresAt is null");
    }

    /** A token valid from now for {@link #DEFAULT_LIFETIME}, with a space-separated SMART scope list. */
    public static TokenRequest of(String subject, String scope, String purposeOfUse) {
        Instant now = Instant.now();
        return new TokenRequest(subject, scope, Optional.ofNullable(purposeOfUse), Optional.empty(), Optional.empty(),
                Optional.empty(), now, now.plus(DEFAULT_LIFETIME));
    }

    public TokenRequest withPatient(String patientId) {
        return new TokenRequest(subject, scope, purposeOfUse, Optional.of(patientId), clientId, audience, notBefore, expiresAt);
    }

    public TokenRequest withClientId(String client) {
        return new TokenRequest(subject, scope, purposeOfUse, patient, Optional.of(client), audience, notBefore, expiresAt);
    }

    public TokenRequest withAudience(String aud) {
        return new TokenRequest(subject, scope, purposeOfUse, patient, clientId, Optional.of(aud), notBefore, expiresAt);
    }

    public TokenRequest validBetween(Instant from, Instant until) {
        return new TokenRequest(subject, scope, purposeOfUse, patient, clientId, audience, from, until);
    }
}
