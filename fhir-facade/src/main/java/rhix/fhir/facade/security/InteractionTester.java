package rhix.fhir.facade.security;

import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleTester;

/**
 * Narrows a HAPI rule to the interactions of one SMART permission. HAPI's {@code read()} rule covers read
 * and search alike, and {@code write()} covers create and update; SMART v2 tells {@code r} from {@code s}
 * and {@code c} from {@code u}, so each rule carries the permission it was built for.
 */
record InteractionTester(ScopePermission permission) implements IAuthRuleTester {

    @Override
    public boolean matches(RuleTestRequest request) {
        return covers(request);
    }

    @Override
    public boolean matchesOutput(RuleTestRequest request) {
        return covers(request);
    }

    private boolean covers(RuleTestRequest request) {
        return request.operation != null && ScopePermission.requiredFor(request.operation).orElse(null) == permission;
    }
}
