package rhix.node.fhir;

import ca.uhn.fhir.rest.client.api.IClientInterceptor;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import com.nimbusds.jose.JWSAlgorithm;
import java.util.Map;
import rhix.fhir.facade.security.LocalTokenIssuer;
import rhix.fhir.facade.security.TokenRequest;

/**
 * The tests' authorization server: one ES256 key pair per test JVM, the node properties that make a
 * node trust it, and tokens signed with it.
 */
public final class TestTokens {

    public static final String ISSUER = "https://auth.test.rhix.example";
    private static final LocalTokenIssuer AUTHORITY = LocalTokenIssuer.generate(ISSUER, JWSAlgorithm.ES256);

    private TestTokens() {
    }

    /** Security on, trusting this class's key (inline JWKS). Merge into the node's properties. */
    public static Map<String, Object> securedNodeProperties() {
        return Map.of("rhix.node.fhir.security.enabled", true,
                "rhix.node.fhir.security.issuer", ISSUER,
                "rhix.node.fhir.security.jwks", AUTHORITY.publicJwks());
    }

    /** The given node properties with security on, trusting this class's key. */
    public static Map<String, Object> secured(Map<String, Object> properties) {
        Map<String, Object> merged = new java.util.HashMap<>(securedNodeProperties());
        merged.putAll(properties);
        return merged;
    }

    public static LocalTokenIssuer authority() {
        return AUTHORITY;
    }

    public static String token(TokenRequest request) {
        return AUTHORITY.sign(request);
    }

    /** A token for {@code subject} with the scopes and purpose of use given. */
    public static String token(String subject, String scope, String purposeOfUse) {
        return token(TokenRequest.of(subject, scope, purposeOfUse));
    }

    /** A client interceptor that sends the token as {@code Authorization: Bearer}. */
    public static IClientInterceptor bearer(String token) {
        return new BearerTokenAuthInterceptor(token);
    }

    /** A client with full access: {@code system/*.cruds}, purpose HOPERAT (the tests operate the node). */
    public static IClientInterceptor operator() {
        return bearer(token("test-operator", "system/*.cruds", "HOPERAT"));
    }
}
