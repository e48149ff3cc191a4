package rhix.node.fhir;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import rhix.fhir.facade.security.FhirSecuritySettings;

/**
 * {@code rhix.node.fhir.security.*}: OAuth2 bearer tokens (signed JWTs, SMART-on-FHIR scopes) on the
 * node's FHIR API. On by default; a node with security on and no keys refuses to start.
 *
 * @param enabled              default {@code true}; {@code false} is an explicit opt-out for local
 *                             development (every request is served unauthenticated, and the node logs a warning)
 * @param issuer               the region authorization server's {@code iss}; required when enabled
 * @param jwksPath             a JWKS file with the region's public RS256/ES256 keys
 * @param jwks                 the same as inline JSON (wins over {@code jwks-path}); one of the two is required when enabled
 * @param audience             when set, tokens must name it in {@code aud} (e.g. the node's FHIR base URL); default: not checked
 * @param clockSkew            tolerance on {@code exp}/{@code nbf} (default 60s, at most 5m)
 * @param purposeOfUseRequired whether a token must carry {@code purpose_of_use} (default {@code true}: every access says why)
 */
@ConfigurationProperties("rhix.node.fhir.security")
public record FhirSecurityConfiguration(@Bindable(defaultValue = "true") boolean enabled,
                                        @Nullable String issuer,
                                        @Nullable Path jwksPath,
                                        @Nullable String jwks,
                                        @Nullable String audience,
                                        @Bindable(defaultValue = "60s") Duration clockSkew,
                                        @Bindable(defaultValue = "true") boolean purposeOfUseRequired) {

    public Optional<String> audienceIfSet() {
        return Optional.ofNullable(audience).filter(value -> !value.isBlank());
    }

    /** What fhir-facade makes the node's security from ({@code SmartOnFhirSecurity.configured}). */
    public FhirSecuritySettings settings() {
        return new FhirSecuritySettings("rhix.node.fhir.security", enabled, issuer, jwksPath, jwks, audienceIfSet(), clockSkew,
                purposeOfUseRequired);
    }
}
