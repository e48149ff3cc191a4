package rhix.fhir.facade.security;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a verified bearer token says about the caller; attached to the request for authorization,
 * search narrowing and the audit.
 *
 * @param issuer       who issued the token ({@code iss}); qualifies {@code subject}
 * @param subject      the user or system acting ({@code sub})
 * @param clientId     the application acting for it ({@code client_id}, else {@code azp}); may be empty
 * @param scopes       the clinical SMART scopes the token grants (other scope values are dropped)
 * @param patient      the patient whose compartment {@code patient/} scopes reach ({@code patient} claim)
 * @param purposeOfUse why the data is accessed: an HL7 v3 PurposeOfUse code ({@code purpose_of_use})
 * @param expiresAt    {@code exp}
 */
public record AccessToken(String issuer, String subject, Optional<String> clientId, List<SmartScope> scopes,
                          Optional<String> patient, Optional<String> purposeOfUse, Instant expiresAt) {

    private static final String REQUEST_KEY = AccessToken.class.getName();

    public AccessToken {
        Objects.requireNonNull(issuer, "issuer is null");
        Objects.requireNonNull(subject, "subject is null");
        Objects.requireNonNull(clientId, "clientId is null");
        scopes = List.copyOf(scopes);
        Objects.requireNonNull(patient, "patient is null");
        Objects.requireNonNull(purposeOfUse, "purposeOfUse is null");
        Objects.requireNonNull(expiresAt, "expiresAt is null");
    }

    /** The token the request was authenticated with; empty before authentication or when security is off. */
    public static Optional<AccessToken> of(RequestDetails request) {
        return Optional.ofNullable((AccessToken) request.getUserData().get(REQUEST_KEY));
    }

    void attachTo(RequestDetails request) {
        request.getUserData().put(REQUEST_KEY, this);
    }

    /** Whether any scope allows the permission on the type in any context. */
    public boolean allows(String resourceType, ScopePermission permission) {
        return scopes.stream().anyMatch(scope -> scope.covers(resourceType, permission));
    }

    /** Whether a user or system scope (not limited to a patient compartment) allows the permission on the type. */
    public boolean allowsBeyondOnePatient(String resourceType, ScopePermission permission) {
        return scopes.stream().anyMatch(scope -> scope.context() != ScopeContext.PATIENT && scope.covers(resourceType, permission));
    }
}
