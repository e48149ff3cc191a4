package rhix.fhir.facade.security;

import java.util.List;

/**
 * The facade's security as HAPI interceptors, in the order they must run: authenticate the bearer token,
 * narrow patient-scoped searches to the patient's compartment, authorize by SMART scopes.
 */
public final class SmartOnFhirSecurity {

    private SmartOnFhirSecurity() {
    }

    public static List<Object> interceptors(BearerTokenVerifier verifier) {
        return List.of(new BearerTokenAuthenticationInterceptor(verifier), new PatientCompartmentSearchNarrowing(),
                new SmartScopeAuthorizationInterceptor());
    }
}
