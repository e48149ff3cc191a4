package rhix.fhir.facade.server;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;

/**
 * Keeps the CapabilityStatement truthful about {@code _include}: HAPI advertises {@code searchInclude = *}
 * (and every reference parameter) for a type whose search declares no {@code _include}, but such a search
 * refuses every {@code _include}. The providers list their includes explicitly, so a wildcard is never true.
 */
@Interceptor
public final class IncludeCapabilitiesInterceptor {

    @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
    public void dropWildcardIncludes(IBaseConformance generated) {
        if (!(generated instanceof CapabilityStatement capabilities)) {
            return;
        }
        for (var rest : capabilities.getRest()) {
            for (var resource : rest.getResource()) {
                if (resource.getSearchInclude().stream().anyMatch(include -> "*".equals(include.getValue()))) {
                    // Only HAPI's fallback adds "*", together with includes the search does not accept.
                    resource.getSearchInclude().clear();
                }
            }
        }
    }
}
