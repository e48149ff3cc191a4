package rhix.terminology.api.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.convertors.factory.VersionConvertorFactory_40_50;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r5.model.BooleanType;
import org.hl7.fhir.r5.model.CodeType;
import org.hl7.fhir.r5.model.IntegerType;
import org.hl7.fhir.r5.model.Parameters;
import org.hl7.fhir.r5.model.Resource;
import org.hl7.fhir.r5.model.StringType;
import org.hl7.fhir.r5.model.UriType;

/**
 * An operation's input as R5 Parameters (what the engine reads): from a POSTed R4 Parameters body, or from
 * the query string of a GET. A body that does not parse (e.g. a malformed Coding) is a 400.
 */
record RequestParameters(Parameters parameters, List<Resource> suppliedResources, String cacheId, String acceptLanguage,
                         Integer costThreshold) {

    /** A client's own, lower limit on the concepts an expansion may hold (the tx-ecosystem suite's header). */
    static final String COST_THRESHOLD_HEADER = "X-TOO-COSTLY-THRESHOLD";

    private static final Set<String> URI_NAMES = Set.of("url", "system", "targetsystem", "sourceSystem", "targetSystem", "source", "target");
    private static final Set<String> BOOLEAN_NAMES = Set.of("activeOnly", "excludeNested", "includeDesignations", "includeDefinition",
            "reverse", "abstract", "valueset-membership-only", "lenient-display-validation");
    private static final Set<String> INTEGER_NAMES = Set.of("count", "offset");
    private static final Set<String> SERVER_PARAMETERS = Set.of("_format", "_pretty", "_summary", "nocache");

    static RequestParameters read(FhirContext fhirContext, HttpServletRequest request) {
        Parameters parameters = "POST".equals(request.getMethod()) ? fromBody(fhirContext, request) : fromQuery(request.getParameterMap());
        List<Resource> supplied = parameters.getParameter().stream().filter(parameter -> "tx-resource".equals(parameter.getName()))
                .map(Parameters.ParametersParameterComponent::getResource).filter(resource -> resource != null).toList();
        String cacheId = parameters.hasParameter("cache-id") ? parameters.getParameterString("cache-id") : null;
        return new RequestParameters(parameters, supplied, cacheId, request.getHeader("Accept-Language"), costThreshold(request));
    }

    private static Integer costThreshold(HttpServletRequest request) {
        String header = request.getHeader(COST_THRESHOLD_HEADER);
        if (header == null) {
            return null;
        }
        try {
            int threshold = Integer.parseInt(header.trim());
            if (threshold > 0) {
                return threshold;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidRequestException("the header " + COST_THRESHOLD_HEADER + " must be a positive integer, not '" + header + "'");
    }

    private static Parameters fromBody(FhirContext fhirContext, HttpServletRequest request) {
        String body;
        try {
            body = new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidRequestException("the request body could not be read: " + e.getMessage());
        }
        if (body.isBlank()) {
            return fromQuery(request.getParameterMap());
        }
        String contentType = request.getContentType() == null ? "" : request.getContentType();
        IParser parser = contentType.contains("xml") ? fhirContext.newXmlParser() : fhirContext.newJsonParser();
        // Strict: a malformed Coding must be refused, not silently dropped (HAPI's default is lenient).
        parser.setParserErrorHandler(new StrictErrorHandler());
        IBaseResource parsed;
        try {
            parsed = parser.parseResource(body);
        } catch (DataFormatException e) {
            throw new InvalidRequestException("the request body is not valid FHIR R4: " + e.getMessage());
        }
        if (!(parsed instanceof org.hl7.fhir.r4.model.Parameters r4)) {
            throw new InvalidRequestException("the operation takes a Parameters resource, not " + parsed.fhirType());
        }
        Parameters parameters = (Parameters) VersionConvertorFactory_40_50.convertResource(r4);
        // A query string may add to a POSTed body (e.g. ?displayLanguage=zh).
        fromQuery(request.getParameterMap()).getParameter().forEach(parameters::addParameter);
        return parameters;
    }

    private static Parameters fromQuery(Map<String, String[]> query) {
        Parameters parameters = new Parameters();
        query.forEach((name, values) -> {
            if (SERVER_PARAMETERS.contains(name)) {
                return;
            }
            for (String value : values) {
                if (URI_NAMES.contains(name)) {
                    parameters.addParameter(name, new UriType(value));
                } else if (BOOLEAN_NAMES.contains(name)) {
                    parameters.addParameter(name, new BooleanType(value));
                } else if (INTEGER_NAMES.contains(name)) {
                    try {
                        parameters.addParameter(name, new IntegerType(value));
                    } catch (NumberFormatException e) {
                        throw new InvalidRequestException("the parameter " + name + " must be an integer: " + value);
                    }
                } else if ("code".equals(name) || name.startsWith("code")) {
                    parameters.addParameter(name, new CodeType(value));
                } else {
                    parameters.addParameter(name, new StringType(value));
                }
            }
        });
        return parameters;
    }
}
