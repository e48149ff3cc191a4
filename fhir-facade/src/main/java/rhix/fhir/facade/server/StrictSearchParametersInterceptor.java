package rhix.fhir.facade.server;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.ParameterUtil;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.Set;
import java.util.TreeSet;

/**
 * Refuses a search with an {@code _}-parameter the facade does not implement. HAPI's plain server
 * refuses unknown search parameters but silently ignores unknown ones that start with {@code _}
 * (e.g. {@code _has}, {@code _text}, a misspelt {@code _sortt}), which would answer a different
 * question than the one asked.
 */
@Interceptor
public final class StrictSearchParametersInterceptor {

    /** The result parameters HAPI or the providers implement, and the paging parameters of HAPI's own links. */
    static final Set<String> SUPPORTED = new TreeSet<>(Set.of("_id", "_lastUpdated", "_sort", "_count", "_include",
            "_revinclude", "_summary", "_elements", "_total", "_format", "_pretty", "_getpages", "_getpagesoffset",
            "_bundletype"));

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void refuseUnsupportedControlParameters(RequestDetails request, RestOperationTypeEnum operation) {
        if (operation != RestOperationTypeEnum.SEARCH_TYPE) {
            return;
        }
        for (String parameter : request.getParameters().keySet()) {
            String name = ParameterUtil.stripModifierPart(parameter);
            if (name.startsWith("_") && !SUPPORTED.contains(name)) {
                throw new InvalidRequestException("search parameter '" + parameter + "' is not supported here; supported"
                        + " result parameters: " + String.join(", ", SUPPORTED));
            }
        }
    }
}
