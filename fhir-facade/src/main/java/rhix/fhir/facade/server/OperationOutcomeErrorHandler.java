package rhix.fhir.facade.server;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * Errors Jetty answers before HAPI sees the request (a body over the size limit, a malformed URI) are
 * FHIR errors too: an OperationOutcome in JSON rather than Jetty's HTML page.
 */
final class OperationOutcomeErrorHandler extends ErrorHandler {

    private final FhirContext fhirContext;
    private final long maximumRequestBytes;

    OperationOutcomeErrorHandler(FhirContext fhirContext, long maximumRequestBytes) {
        this.fhirContext = fhirContext;
        this.maximumRequestBytes = maximumRequestBytes;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) throws IOException {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(switch (code) {
                    case 413 -> OperationOutcome.IssueType.TOOLONG;
                    case 400 -> OperationOutcome.IssueType.STRUCTURE;
                    case 404 -> OperationOutcome.IssueType.NOTFOUND;
                    default -> OperationOutcome.IssueType.EXCEPTION;
                })
                .setDiagnostics(code == 413
                        ? "the request body is larger than this node takes (at most " + maximumRequestBytes
                        + " bytes per request): split the Bundle" + (message == null ? "" : " [" + message + "]")
                        : message == null ? "HTTP " + code : message);
        byte[] body = fhirContext.newJsonParser().encodeResourceToString(outcome).getBytes(StandardCharsets.UTF_8);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/fhir+json;charset=utf-8");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
