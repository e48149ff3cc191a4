package rhix.terminology.api.fhir;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import rhix.fhir.facade.security.FhirSecuritySettings;

/**
 * {@code rhix.terminology.fhir.security.*}: the same bearer-token security as the nodes' FHIR facades (signed
 * JWTs from the region's authorization server, SMART scopes). On by default; with it on and no keys the server
 * refuses to start. The conformance suite runs with it off.
 *
 * @param enabled              default {@code true}; {@code false} is an explicit opt-out for local development
 * @param issuer               the region authorization server's {@code iss}; required when enabled
 * @param jwksPath             a JWKS file with the region's public RS256/ES256 keys
 * @param jwks                 the same as inline JSON (wins over {@code jwks-path}); one of the two is required when enabled
 * @param audience             when set, tokens must name it in {@code aud}; default: not checked
 * @param clockSkew            tolerance on {@code exp}/{@code nbf} (default 60s, at most 5m)
 * @param purposeOfUseRequired whether a token must carry {@code purpose_of_use} (default {@code true})
 */
@ConfigurationProperties("rhix.terminology.fhir.security")
public record TerminologyFhirSecurityConfiguration(@Bindable(defaultValue = "true") boolean enabled,
                                           @Nullable String issuer,
                                           @Nullable Path jwksPath,
                                           @Nullable String jwks,
                                           @Nullable String audience,
                                           @Bindable(defaultValue = "60s") Duration clockSkew,
                                           @Bindable(defaultValue = "true") boolean purposeOfUseRequired) {

    public FhirSecuritySettings settings() {
        return new FhirSecuritySettings("rhix.terminology.fhir.security", enabled, issuer, jwksPath, jwks,
                Optional.ofNullable(audience).filter(value -> !value.isBlank()), clockSkew, purposeOfUseRequired);
    }
}
