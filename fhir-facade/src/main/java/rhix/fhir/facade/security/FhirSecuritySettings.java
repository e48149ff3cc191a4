package rhix.fhir.facade.security;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A FHIR server's bearer-token settings as its service configures them, before anything is checked: every
 * server that uses this library (the node's facade, the MPI's API) reads the same settings under its own
 * property prefix, and {@link SmartOnFhirSecurity#configured} turns them into the same security.
 *
 * @param propertyPrefix       where the settings live, e.g. {@code rhix.node.fhir.security}; error messages
 *                             name the properties to set, so an operator can fix them without reading code
 * @param enabled              {@code false} is an explicit opt-out for local development
 * @param issuer               the region authorization server's {@code iss}; required when enabled
 * @param jwksPath             a JWKS file with the region's public keys
 * @param jwks                 the same as inline JSON; wins over {@code jwksPath}
 * @param audience             when present, tokens must name it in {@code aud}
 * @param clockSkew            tolerance on {@code exp}/{@code nbf}
 * @param purposeOfUseRequired whether a token must carry {@code purpose_of_use}
 */
public record FhirSecuritySettings(String propertyPrefix, boolean enabled, String issuer, Path jwksPath, String jwks,
                                   Optional<String> audience, Duration clockSkew, boolean purposeOfUseRequired) {

    public FhirSecuritySettings {
        Objects.requireNonNull(propertyPrefix, "propertyPrefix is null");
        Objects.requireNonNull(audience, "audience is null");
        Objects.requireNonNull(clockSkew, "clockSkew is null");
    }
}
