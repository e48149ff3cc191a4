package rhix.fhir.facade.security;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.interceptor.auth.AuthorizedList;
import ca.uhn.fhir.rest.server.interceptor.auth.SearchNarrowingInterceptor;
import java.util.Optional;

/**
 * A search by a token whose only search scope for the type is {@code patient/…} is narrowed to that
 * patient's compartment (HAPI adds {@code patient=Patient/<id>}, or {@code _id} for Patient), so
 * {@code GET Observation?code=GLU} returns the patient's own results instead of failing on the first
 * resource of someone else. Tokens with a {@code user/} or {@code system/} search scope for the type are
 * not narrowed.
 */
public final class PatientCompartmentSearchNarrowing extends SearchNarrowingInterceptor {

    @Override
    protected AuthorizedList buildAuthorizedList(RequestDetails request) {
        Optional<AccessToken> token = AccessToken.of(request);
        String type = request.getResourceName();
        if (token.isEmpty() || type == null || token.get().patient().isEmpty()
                || token.get().allowsBeyondOnePatient(type, ScopePermission.SEARCH)
                || !token.get().allows(type, ScopePermission.SEARCH)) {
            return null;
        }
        return new AuthorizedList().addCompartment("Patient/" + token.get().patient().get());
    }
}
