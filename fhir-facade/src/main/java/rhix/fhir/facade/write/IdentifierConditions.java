package rhix.fhir.facade.write;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import rhix.fhir.facade.store.ResourceChange.IdentifierCondition;

/**
 * Reads the condition of a conditional create ({@code If-None-Exist} or {@code request.ifNoneExist}).
 * Only {@code identifier=[system|]value} is taken: the identifier is how a hospital system knows it has
 * sent a record before, and the store indexes it. Anything else is refused rather than ignored, because
 * ignoring a condition would create duplicates.
 */
final class IdentifierConditions {

    private IdentifierConditions() {
    }

    static IdentifierCondition parse(String conditionalUrl) {
        String query = conditionalUrl.contains("?") ? conditionalUrl.substring(conditionalUrl.indexOf('?') + 1) : conditionalUrl;
        String[] parameters = query.split("&");
        if (parameters.length != 1 || !parameters[0].startsWith("identifier=")) {
            throw new InvalidRequestException("conditional create supports exactly one condition, identifier=[system|]value; got '"
                    + conditionalUrl + "'");
        }
        String token = URLDecoder.decode(parameters[0].substring("identifier=".length()), StandardCharsets.UTF_8);
        if (token.isBlank() || token.contains(",")) {
            throw new InvalidRequestException("conditional create needs one identifier value; got '" + token + "'");
        }
        int bar = token.indexOf('|');
        if (bar < 0) {
            return new IdentifierCondition(null, token);
        }
        String system = token.substring(0, bar);
        String value = token.substring(bar + 1);
        if (value.isBlank()) {
            throw new InvalidRequestException("conditional create needs an identifier value after '|'; got '" + token + "'");
        }
        return new IdentifierCondition(system.isBlank() ? null : system, value);
    }
}
