package rhix.node.terminology;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * What the node tests' stand-ins for the region's terminology server (a JDK {@code HttpServer}, the remote
 * neighbour) need: the query of a FHIR GET, and a FHIR JSON answer.
 */
public final class TerminologyStandIn {

    private TerminologyStandIn() {
    }

    /** The request's query parameters, decoded; the last value of a repeated name. */
    public static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> parameters = new HashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null) {
            return parameters;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                parameters.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return parameters;
    }

    public static void answer(HttpExchange exchange, int status, String fhirJson) throws IOException {
        byte[] bytes = fhirJson.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/fhir+json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
