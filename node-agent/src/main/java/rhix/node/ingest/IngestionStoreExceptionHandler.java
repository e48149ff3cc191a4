package rhix.node.ingest;

import ca.uhn.fhir.context.FhirContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A store failure during ingestion: 503 with an OperationOutcome; the producer may send the batch again. */
@Singleton
@Produces(IngestionController.FHIR_JSON)
public class IngestionStoreExceptionHandler implements ExceptionHandler<IngestionStoreException, HttpResponse<String>> {

    private static final Logger LOG = LoggerFactory.getLogger(IngestionStoreExceptionHandler.class);

    private final FhirContext fhirContext;

    public IngestionStoreExceptionHandler(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
    }

    @Override
    public HttpResponse<String> handle(HttpRequest request, IngestionStoreException exception) {
        LOG.error(exception.getMessage(), exception);
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.FATAL).setCode(OperationOutcome.IssueType.TRANSIENT)
                .setDiagnostics(exception.getMessage() + "; nothing was stored, the batch can be sent again");
        return HttpResponse.<String>status(HttpStatus.SERVICE_UNAVAILABLE).contentType(IngestionController.FHIR_JSON)
                .body(fhirContext.newJsonParser().encodeResourceToString(outcome));
    }
}
