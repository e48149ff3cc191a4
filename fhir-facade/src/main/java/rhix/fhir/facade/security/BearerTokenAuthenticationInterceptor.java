package rhix.fhir.facade.security;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;

/**
 * Authenticates every request but the CapabilityStatement (clients read it to discover the server) with
 * an OAuth2 bearer token, and attaches the verified {@link AccessToken} to the request. No token, or one
 * that fails verification, is a 401 with {@code WWW-Authenticate: Bearer} (RFC 6750) and an
 * OperationOutcome; a valid token that states no usable purpose of use is a 403.
 *
 * <p>Runs when HAPI has chosen the handler (so the audit knows which interaction was refused) and before
 * search narrowing and authorization, which read the token: hence the early order.
 */
@Interceptor
public final class BearerTokenAuthenticationInterceptor {

    /** Before {@code SearchNarrowingInterceptor}, which hooks the same pointcut at the default order 0. */
    static final int ORDER = -100;
    static final String REALM = "rhix";
    private static final String BEARER = "Bearer ";

    private final BearerTokenVerifier verifier;

    public BearerTokenAuthenticationInterceptor(BearerTokenVerifier verifier) {
        this.verifier = verifier;
    }

    @Hook(value = Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED, order = ORDER)
    public boolean authenticate(RequestDetails request) {
        if (request.getRestOperationType() == RestOperationTypeEnum.METADATA) {
            return true;
        }
        String authorization = request.getHeader("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw unauthorized(SecurityErrorCode.TOKEN_MISSING.message(
                    "this FHIR server needs an OAuth2 bearer token (Authorization: Bearer <JWT>)"), null);
        }
        AccessToken token;
        try {
            token = verifier.verify(authorization.substring(BEARER.length()).trim());
        } catch (InvalidTokenException e) {
            throw unauthorized(SecurityErrorCode.TOKEN_INVALID.message(e.getMessage()), e.getMessage());
        }
        token.attachTo(request);
        checkPurposeOfUse(token);
        return true;
    }

    private void checkPurposeOfUse(AccessToken token) {
        if (token.purposeOfUse().isEmpty()) {
            if (verifier.policy().purposeOfUseRequired()) {
                throw new ForbiddenOperationException(SecurityErrorCode.PURPOSE_OF_USE_MISSING.message(
                        "the token states no purpose of use (claim " + BearerTokenVerifier.PURPOSE_OF_USE_CLAIM
                                + ", an HL7 v3 PurposeOfUse code such as TREAT, PUBHLTH or HRESCH); every access must say why"));
            }
            return;
        }
        String purpose = token.purposeOfUse().get();
        if (!PurposeOfUse.isKnown(purpose)) {
            throw new ForbiddenOperationException(SecurityErrorCode.PURPOSE_OF_USE_UNKNOWN.message(
                    "the token's purpose of use '" + purpose + "' is not an HL7 v3 PurposeOfUse code"));
        }
    }

    /** RFC 6750 §3: no error code when the token is missing, {@code invalid_token} when it was rejected. */
    private static AuthenticationException unauthorized(String message, String rejection) {
        AuthenticationException exception = new AuthenticationException(message);
        String challenge = "Bearer realm=\"" + REALM + "\"";
        if (rejection != null) {
            challenge += ", error=\"invalid_token\", error_description=\"" + rejection.replace('"', '\'').replace('\\', '/') + "\"";
        }
        exception.addResponseHeader("WWW-Authenticate", challenge);
        return exception;
    }
}
