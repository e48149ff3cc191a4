package rhix.terminology.api.sparql;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Lets through SPARQL queries only (GET, or POST of a query) and answers anything else with 403 and a
 * sentence saying why. Fuseki without update services would answer an update with a bare 404 or 405;
 * an analyst deserves to know the endpoint is read-only by design and where changes go instead.
 */
final class ReadOnlyFilter implements Filter {

    static final String REFUSAL = "The RHIX terminology SPARQL endpoint is read-only: SPARQL Update and Graph Store writes are refused. "
            + "Change terminology through the FHIR terminology API or the loaders.";

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        if (isRead(request)) {
            chain.doFilter(req, res);
            return;
        }
        HttpServletResponse response = (HttpServletResponse) res;
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType("text/plain;charset=utf-8");
        response.getOutputStream().write((REFUSAL + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static boolean isRead(HttpServletRequest request) {
        String method = request.getMethod().toUpperCase(Locale.ROOT);
        if (request.getRequestURI().endsWith("/update")) {
            return false;
        }
        if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")) {
            return request.getParameter("update") == null;
        }
        if (!method.equals("POST")) {
            return false;
        }
        String contentType = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        if (contentType.startsWith("application/sparql-query")) {
            return true;
        }
        return contentType.startsWith("application/x-www-form-urlencoded")
                && request.getParameter("query") != null && request.getParameter("update") == null;
    }
}
