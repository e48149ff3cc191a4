package rhix.fhir.facade.security;

import java.util.List;
import org.slf4j.Logger;

/**
 * The facade's security as HAPI interceptors, in the order they must run: authenticate the bearer token,
 * narrow patient-scoped searches to the patient's compartment, authorize by SMART scopes.
 */
public final class SmartOnFhirSecurity {

    private SmartOnFhirSecurity() {
    }

    public static List<Object> interceptors(BearerTokenVerifier verifier) {
        return interceptors(verifier, List.of());
    }

    /** @param typeOperations the server's type-level operations that a search scope on their type allows */
    public static List<Object> interceptors(BearerTokenVerifier verifier, List<TypeOperation> typeOperations) {
        return interceptors(verifier, typeOperations, List.of());
    }

    /** @param instanceOperations the server's instance operations answering with resources from elsewhere */
    public static List<Object> interceptors(BearerTokenVerifier verifier, List<TypeOperation> typeOperations,
                                            List<InstanceOperation> instanceOperations) {
        return List.of(new BearerTokenAuthenticationInterceptor(verifier), new PatientCompartmentSearchNarrowing(),
                new SmartScopeAuthorizationInterceptor(typeOperations, instanceOperations));
    }

    /**
     * The interceptors a server's settings call for, or none when security is explicitly off (with a warning).
     * A server with security on that lacks an issuer or usable keys does not start: serving health data to
     * anyone is worse than not serving it.
     *
     * @param serverName the server in log lines, e.g. {@code county-330102}
     * @param log        the calling server's log, where an operator looks for why it serves what it serves
     * @throws IllegalStateException naming the properties to set when security is on but incomplete
     */
    public static List<Object> configured(FhirSecuritySettings settings, String serverName, Logger log,
                                          List<TypeOperation> typeOperations) {
        return configured(settings, serverName, log, typeOperations, List.of());
    }

    /** @param instanceOperations the server's instance operations answering with resources from elsewhere ({@link InstanceOperation}) */
    public static List<Object> configured(FhirSecuritySettings settings, String serverName, Logger log,
                                          List<TypeOperation> typeOperations, List<InstanceOperation> instanceOperations) {
        String prefix = settings.propertyPrefix();
        if (!settings.enabled()) {
            log.warn("{}.enabled=false: the FHIR API of {} serves every request WITHOUT a token (local development only;"
                    + " callers are anonymous)", prefix, serverName);
            return List.of();
        }
        String fix = "; configure the region's token issuer and public keys (" + prefix + ".issuer and " + prefix
                + ".jwks-path or .jwks), or set " + prefix + ".enabled=false for local development";
        if (settings.issuer() == null || settings.issuer().isBlank()) {
            throw new IllegalStateException("FHIR API security is enabled but no token issuer is configured" + fix);
        }
        VerificationKeys keys;
        try {
            if (settings.jwks() != null && !settings.jwks().isBlank()) {
                keys = VerificationKeys.fromJson(settings.jwks());
            } else if (settings.jwksPath() != null) {
                keys = VerificationKeys.fromFile(settings.jwksPath());
            } else {
                throw new IllegalStateException("FHIR API security is enabled but no token verification keys are configured" + fix);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("FHIR API security: the token verification keys are unusable: " + e.getMessage() + fix, e);
        }
        TokenPolicy policy = new TokenPolicy(settings.issuer(), settings.audience(), settings.clockSkew(),
                settings.purposeOfUseRequired());
        log.info("FHIR API security: bearer tokens from {} verified with {} key(s){}{}", policy.issuer(),
                keys.publicKeys().getKeys().size(), policy.audience().map(aud -> ", audience " + aud).orElse(""),
                policy.purposeOfUseRequired() ? ", purpose of use required" : "");
        return interceptors(new BearerTokenVerifier(keys, policy), typeOperations, instanceOperations);
    }
}
