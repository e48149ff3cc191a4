package rhix.fhir.facade.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.text.ParseException;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Verifies a bearer token: a JWT signed RS256 or ES256 by one of the region's keys, from the configured
 * issuer, for the configured audience (if any), within its {@code exp}/{@code nbf} window give or take
 * the clock skew, with a {@code sub}. Nimbus JOSE+JWT does the cryptography and the standard claims;
 * this class reads the SMART and RHIX claims. Thread-safe.
 *
 * <p>A client sends the same token with every request until it expires, and an ES256 signature check
 * costs about 1.4 ms of CPU on the JDK's EC implementation (RS256 0.15 ms), more than a whole read. So a
 * token that passed is remembered by its exact text until its {@code exp} (plus the skew): the same bytes
 * need no second signature check, and expiry is still enforced on every use. At most
 * {@value #MAXIMUM_REMEMBERED} tokens are remembered; past that the expired ones are dropped, and if
 * that is not enough, all of them.
 */
public final class BearerTokenVerifier {

    static final String SCOPE_CLAIM = "scope";
    static final String CLIENT_ID_CLAIM = "client_id";
    static final String PATIENT_CLAIM = "patient";
    static final String PURPOSE_OF_USE_CLAIM = "purpose_of_use";

    static final int MAXIMUM_REMEMBERED = 10_000;

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final TokenPolicy policy;
    private final Clock clock;
    private final Map<String, AccessToken> verified = new ConcurrentHashMap<>();

    public BearerTokenVerifier(VerificationKeys keys, TokenPolicy policy) {
        this(keys, policy, Clock.systemUTC());
    }

    /** @param clock decides when a remembered token has expired (the signature check uses the system clock) */
    BearerTokenVerifier(VerificationKeys keys, TokenPolicy policy, Clock clock) {
        this.policy = policy;
        this.clock = clock;
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256),
                new ImmutableJWKSet<>(keys.publicKeys())));
        // Plain JWTs and RFC 9068 access tokens ("at+jwt").
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                policy.audience().map(Set::of).orElse(null),
                new JWTClaimsSet.Builder().issuer(policy.issuer()).build(),
                Set.of("sub", "exp"), null);
        claims.setMaxClockSkew(Math.toIntExact(policy.clockSkew().toSeconds()));
        processor.setJWTClaimsSetVerifier(claims);
    }

    public TokenPolicy policy() {
        return policy;
    }

    public AccessToken verify(String compactJwt) throws InvalidTokenException {
        AccessToken remembered = verified.get(compactJwt);
        if (remembered != null) {
            if (isExpired(remembered)) {
                verified.remove(compactJwt);
                throw new InvalidTokenException("the bearer token was rejected: Expired JWT");
            }
            return remembered;
        }
        AccessToken token = verifySignatureAndClaims(compactJwt);
        remember(compactJwt, token);
        return token;
    }

    private boolean isExpired(AccessToken token) {
        return !clock.instant().isBefore(token.expiresAt().plus(policy.clockSkew()));
    }

    private void remember(String compactJwt, AccessToken token) {
        if (verified.size() >= MAXIMUM_REMEMBERED) {
            verified.values().removeIf(this::isExpired);
            if (verified.size() >= MAXIMUM_REMEMBERED) {
                verified.clear();
            }
        }
        verified.put(compactJwt, token);
    }

    private AccessToken verifySignatureAndClaims(String compactJwt) throws InvalidTokenException {
        JWTClaimsSet claims;
        try {
            claims = processor.process(compactJwt, null);
        } catch (ParseException e) {
            throw new InvalidTokenException("the bearer token is not a signed JWT: " + e.getMessage(), e);
        } catch (BadJOSEException | JOSEException e) {
            throw new InvalidTokenException("the bearer token was rejected: " + e.getMessage(), e);
        }
        try {
            String clientId = claims.getStringClaim(CLIENT_ID_CLAIM) != null ? claims.getStringClaim(CLIENT_ID_CLAIM)
                    : claims.getStringClaim("azp");
            return new AccessToken(claims.getIssuer(), claims.getSubject(), Optional.ofNullable(clientId),
                    scopes(claims).stream().map(SmartScope::parse).flatMap(Optional::stream).toList(),
                    Optional.ofNullable(claims.getStringClaim(PATIENT_CLAIM)).filter(patient -> !patient.isBlank()),
                    purposeOfUse(claims), claims.getExpirationTime().toInstant());
        } catch (ParseException e) {
            throw new InvalidTokenException("the bearer token has a claim of the wrong type: " + e.getMessage(), e);
        }
    }

    /** {@code scope} is a space-separated string (RFC 8693/9068); some servers send a list (also {@code scp}). */
    private static List<String> scopes(JWTClaimsSet claims) throws ParseException {
        Object scope = claims.getClaim(SCOPE_CLAIM) != null ? claims.getClaim(SCOPE_CLAIM) : claims.getClaim("scp");
        if (scope == null) {
            return List.of();
        }
        if (scope instanceof String text) {
            return Arrays.stream(text.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
        }
        return claims.getStringListClaim(claims.getClaim(SCOPE_CLAIM) != null ? SCOPE_CLAIM : "scp");
    }

    /** One code, as a string or a one-element list; several purposes for one access are refused as ambiguous. */
    private static Optional<String> purposeOfUse(JWTClaimsSet claims) throws ParseException, InvalidTokenException {
        Object purpose = claims.getClaim(PURPOSE_OF_USE_CLAIM);
        if (purpose == null) {
            return Optional.empty();
        }
        List<String> codes = purpose instanceof String code ? List.of(code) : claims.getStringListClaim(PURPOSE_OF_USE_CLAIM);
        List<String> present = codes.stream().flatMap(code -> code == null ? Stream.empty() : Stream.of(code.trim()))
                .filter(code -> !code.isEmpty()).toList();
        if (present.size() > 1) {
            throw new InvalidTokenException("the bearer token states several purposes of use " + present
                    + "; one access has one purpose");
        }
        return present.stream().findFirst();
    }
}
