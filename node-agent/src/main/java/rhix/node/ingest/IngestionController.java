package rhix.node.ingest;

import ca.uhn.fhir.context.FhirContext;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.net.URI;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * The front-end processor's HTTP door: producers POST a Bundle or NDJSON to {@code /ingest/batches};
 * a rejected batch answers 422 with an OperationOutcome naming every bad resource and why.
 */
@Controller("/ingest/batches")
@ExecuteOn(TaskExecutors.BLOCKING)
public class IngestionController {

    static final String FHIR_JSON = "application/fhir+json";
    private static final Pattern PRODUCER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final IngestionService ingestion;
    private final IngestBatchRepository batches;
    private final IngestProgress progress;
    private final FhirContext fhirContext;

    public IngestionController(IngestionService ingestion, IngestBatchRepository batches, IngestProgress progress,
                               FhirContext fhirContext) {
        this.ingestion = ingestion;
        this.batches = batches;
        this.progress = progress;
        this.fhirContext = fhirContext;
    }

    @Post(consumes = {"application/fhir+ndjson", "application/x-ndjson", "application/ndjson", "application/fhir+json",
            "application/json", "application/fhir+xml", "application/xml"}, produces = {MediaType.APPLICATION_JSON, FHIR_JSON})
    public HttpResponse<?> ingest(HttpRequest<?> request, @Body byte[] payload, @QueryValue String producer,
                                  @QueryValue(defaultValue = "unspecified") String source,
                                  @QueryValue(defaultValue = "true") boolean atomic,
                                  @Nullable @Header("Content-Type") String contentType) {
        if (!PRODUCER_ID.matcher(producer).matches()) {
            return outcome(HttpStatus.BAD_REQUEST, IssueType.INVALID,
                    "producer must be the producer's organization code (letters, digits, . _ -), got '" + producer + "'");
        }
        Optional<PayloadFormat> format = PayloadFormat.fromContentType(contentType);
        if (format.isEmpty()) {
            return outcome(HttpStatus.UNSUPPORTED_MEDIA_TYPE, IssueType.NOTSUPPORTED, "Content-Type '" + contentType
                    + "' is not ingested: send application/fhir+ndjson, application/fhir+json or application/fhir+xml");
        }
        if (payload == null || payload.length == 0) {
            return outcome(HttpStatus.BAD_REQUEST, IssueType.REQUIRED, "the batch is empty");
        }
        IngestResult result = ingestion.ingest(new IngestRequest(producer, source, format.get(), payload, atomic));
        if (result.rejected()) {
            return HttpResponse.status(HttpStatus.UNPROCESSABLE_ENTITY).contentType(FHIR_JSON)
                    .body(fhirContext.newJsonParser().encodeResourceToString(rejection(result)));
        }
        return HttpResponse.created(result.report(), URI.create("/ingest/batches/" + result.report().batchId()))
                .contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    @Get(value = "/{batchId}", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> batch(@PathVariable String batchId) throws SQLException {
        Optional<IngestReport> done = batches.find(batchId);
        if (done.isPresent()) {
            return HttpResponse.ok(done.get());
        }
        return progress.of(batchId).<HttpResponse<?>>map(HttpResponse::ok)
                .orElseGet(() -> outcome(HttpStatus.NOT_FOUND, IssueType.NOTFOUND, "no batch " + batchId));
    }

    /** Batches being ingested now, with phase and progress (a producer's POST is still waiting for them). */
    @Get(value = "/running", produces = MediaType.APPLICATION_JSON)
    public List<IngestProgress.Snapshot> running() {
        return progress.running();
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    public List<IngestReport> recent(@Nullable @QueryValue String producer, @QueryValue(defaultValue = "50") int limit)
            throws SQLException {
        return batches.recent(Optional.ofNullable(producer), Math.max(1, Math.min(limit, 1000)));
    }

    private OperationOutcome rejection(IngestResult result) {
        OperationOutcome outcome = new OperationOutcome();
        IngestReport report = result.report();
        outcome.addIssue().setSeverity(IssueSeverity.ERROR).setCode(IssueType.PROCESSING).setDiagnostics("batch "
                + report.batchId() + " rejected: " + result.problems().size() + " problem(s) in " + report.resourceCount()
                + " resource(s); nothing from this batch was stored");
        for (IngestProblem problem : result.problems()) {
            var issue = outcome.addIssue().setSeverity(IssueSeverity.ERROR).setCode(problem.issueType())
                    .setDiagnostics(problem.describe());
            issue.addLocation(problem.location());
            if (problem.expression() != null) {
                issue.addExpression(problem.expression());
            }
        }
        return outcome;
    }

    private HttpResponse<String> outcome(HttpStatus status, IssueType type, String message) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(IssueSeverity.ERROR).setCode(type).setDiagnostics(message);
        return HttpResponse.<String>status(status).contentType(FHIR_JSON)
                .body(fhirContext.newJsonParser().encodeResourceToString(outcome));
    }
}
