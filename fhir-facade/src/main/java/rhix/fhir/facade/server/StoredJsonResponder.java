package rhix.fhir.facade.server;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import ca.uhn.fhir.rest.server.RestfulServerUtils;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.instance.model.api.IBaseResource;
import rhix.fhir.facade.provider.StoredResources;
import rhix.fhir.facade.store.StoredResource;

/**
 * Answers a plain JSON read or vread with the JSON the store already holds, instead of encoding the
 * parsed resource again: the bytes are the same (see {@link StoredResources#servableJson}), the
 * encoding was most of a read's cost. Anything else (XML, {@code _summary}, {@code _elements},
 * {@code _pretty}, any other parameter) goes through HAPI's encoder as usual.
 *
 * <p>Runs last among the outgoing-response hooks, after authorization has seen the resource. An
 * interceptor that changes a resource in place at this point must remove
 * {@link StoredResources#STORED_VERSION} from it (replacing the resource does that by itself).
 */
@Interceptor
public final class StoredJsonResponder {

    @Hook(value = Pointcut.SERVER_OUTGOING_RESPONSE, order = Integer.MAX_VALUE)
    public boolean respond(RequestDetails request, ResponseDetails response, HttpServletResponse servletResponse)
            throws IOException {
        RestOperationTypeEnum operation = request.getRestOperationType();
        if (operation != RestOperationTypeEnum.READ && operation != RestOperationTypeEnum.VREAD) {
            return true;
        }
        IBaseResource resource = response.getResponseResource();
        if (resource == null || !(resource.getUserData(StoredResources.STORED_VERSION) instanceof StoredResource stored)
                || !request.getParameters().isEmpty()) {
            return true;
        }
        var encoding = RestfulServerUtils.determineResponseEncodingNoDefault(request, EncodingEnum.JSON);
        if (encoding != null && encoding.getEncoding() != EncodingEnum.JSON) {
            return true;
        }
        String json = StoredResources.servableJson(stored,
                ((org.hl7.fhir.r4.model.Resource) resource).getMeta().getLastUpdatedElement().getValueAsString());
        if (json == null) {
            return true;
        }
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        servletResponse.setStatus(response.getResponseCode());
        // As HAPI's own response does, so that both paths send the same header.
        servletResponse.setContentType(Constants.CT_FHIR_JSON_NEW);
        servletResponse.setCharacterEncoding(Constants.CHARSET_NAME_UTF8.toLowerCase(java.util.Locale.ROOT));
        servletResponse.setHeader(Constants.HEADER_ETAG, "W/\"" + resource.getIdElement().getVersionIdPart() + "\"");
        if (resource.getMeta().getLastUpdated() != null) {
            servletResponse.setHeader(Constants.HEADER_LAST_MODIFIED,
                    ca.uhn.fhir.util.DateUtils.formatDate(resource.getMeta().getLastUpdated()));
        }
        servletResponse.setContentLength(body.length);
        servletResponse.getOutputStream().write(body);
        return false;
    }
}
