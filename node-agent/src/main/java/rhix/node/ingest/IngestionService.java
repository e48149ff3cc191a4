package rhix.node.ingest;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rhix.node.mpi.MpiRegistrationRelay;
import rhix.node.store.ContentHash;
import rhix.node.store.ResourceKey;
import rhix.node.store.ResourceStore;
import rhix.node.store.StoreWriteLock;
import rhix.node.store.StoredVersion;

/**
 * The front-end processor (前置机): takes a producer's batch, checks every resource, and stores the
 * batch in one transaction with its search index, identity traits (queued for the MPI), quality findings and
 * ledger row.
 *
 * <p>Atomic by default: one bad resource rejects the batch and nothing of it is stored (the ledger
 * still records the rejection). Sending the same resources again creates no new versions. Batches
 * are written one at a time per node, so two producers never interleave versions of one resource.
 */
@Singleton
public class IngestionService {

    private static final Logger LOG = LoggerFactory.getLogger(IngestionService.class);
    private static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("outcome");
    private static final AttributeKey<String> PRODUCER = AttributeKey.stringKey("rhix.producer");

    private final DataSource dataSource;
    private final PayloadParser parser;
    private final ResourceChecks checks;
    private final ReferenceCheck referenceCheck;
    private final ResourceStore store;
    private final VersionWriter versions;
    private final IngestBatchRepository batches;
    private final IngestProgress progress;
    private final Clock clock;
    private final Tracer tracer;
    private final LongCounter resourceCounter;
    private final StoreWriteLock writer;
    private final MpiRegistrationRelay mpiRelay;

    public IngestionService(DataSource dataSource, PayloadParser parser, ResourceChecks checks, ReferenceCheck referenceCheck,
                            ResourceStore store, VersionWriter versions, IngestBatchRepository batches,
                            IngestProgress progress, StoreWriteLock writer, MpiRegistrationRelay mpiRelay, Clock clock,
                            OpenTelemetry openTelemetry) {
        this.dataSource = dataSource;
        this.parser = parser;
        this.checks = checks;
        this.referenceCheck = referenceCheck;
        this.store = store;
        this.versions = versions;
        this.batches = batches;
        this.progress = progress;
        this.writer = writer;
        this.mpiRelay = mpiRelay;
        this.clock = clock;
        this.tracer = openTelemetry.getTracer("rhix.node.ingest");
        this.resourceCounter = openTelemetry.getMeter("rhix.node.ingest").counterBuilder("rhix.ingest.resources")
                .setDescription("Resources received by ingestion, by outcome").setUnit("{resource}").build();
    }

    public IngestResult ingest(IngestRequest request) {
        String batchId = UUID.randomUUID().toString();
        Span span = tracer.spanBuilder("ingest batch").setAttribute("rhix.batch.id", batchId)
                .setAttribute(PRODUCER, request.producerId()).setAttribute("rhix.batch.format", request.format().name())
                .startSpan();
        writer.lock();
        try (Scope ignored = span.makeCurrent()) {
            PhaseTimings timings = new PhaseTimings();
            IngestResult result = ingest(batchId, request, timings);
            IngestReport report = result.report();
            timings.millis().forEach((phase, millis) -> span.setAttribute("rhix.ingest.ms." + phase, millis));
            span.setAttribute("rhix.batch.status", report.status().name());
            span.setAttribute("rhix.batch.resources", report.resourceCount());
            count(report);
            LOG.info("batch {} from {}/{}: {} — {} resources, {} created, {} updated, {} unchanged, {} rejected, {} findings ({})",
                    batchId, request.producerId(), request.sourceSystem(), report.status(), report.resourceCount(),
                    report.created(), report.updated(), report.unchanged(), report.rejected(), report.findings(), timings);
            return result;
        } catch (RuntimeException e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR, e.getMessage());
            throw e;
        } finally {
            writer.unlock();
            progress.finish(batchId);
            span.end();
        }
    }

    private IngestResult ingest(String batchId, IngestRequest request, PhaseTimings timings) {
        OffsetDateTime receivedAt = OffsetDateTime.now(clock);
        String sha256 = ContentHash.sha256(request.payload());
        progress.update(batchId, IngestProgress.Phase.PARSING, 0, 0);
        ParsedPayload parsed = parser.parse(request.payload(), request.format());
        timings.lap("parse");
        List<IncomingResource> resources = parsed.resources();
        int received = resources.size() + parsed.problems().size();

        Map<ResourceKey, List<IngestProblem>> problemsByResource = new LinkedHashMap<>();
        List<IngestProblem> payloadProblems = new ArrayList<>(parsed.problems());
        findDuplicates(resources, problemsByResource);
        for (int i = 0; i < resources.size(); i++) {
            IncomingResource incoming = resources.get(i);
            List<IngestProblem> found = checks.check(incoming);
            if (!found.isEmpty()) {
                problemsByResource.computeIfAbsent(incoming.key(), key -> new ArrayList<>()).addAll(found);
            }
            progress.update(batchId, IngestProgress.Phase.CHECKING, i + 1, resources.size());
        }
        timings.lap("check");

        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                List<IncomingResource> accepted = acceptable(connection, resources, problemsByResource);
                timings.lap("references");
                List<IngestProblem> problems = new ArrayList<>(payloadProblems);
                problemsByResource.values().forEach(problems::addAll);
                int rejected = received - accepted.size();
                if (rejected > 0 && (request.atomic() || accepted.isEmpty())) {
                    connection.rollback();
                    IngestReport report = new IngestReport(batchId, request.producerId(), request.sourceSystem(),
                            request.format(), BatchStatus.REJECTED, sha256, receivedAt, OffsetDateTime.now(clock), received,
                            0, 0, 0, received, 0, describe(problems), 0);
                    batches.insert(report);
                    return new IngestResult(report, problems);
                }
                IngestReport report = store(connection, batchId, request, accepted, receivedAt, sha256, received, problems,
                        timings);
                connection.commit();
                timings.lap("commit");
                if (report.created() + report.updated() > 0) {
                    // Changed patients were queued for the MPI with the batch; sending them is not the producer's wait.
                    mpiRelay.deliverSoon();
                }
                return new IngestResult(report, problems);
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IngestionStoreException(batchId, e);
        }
    }

    /** The resources that pass every check, references included; in a partial batch, rejection cascades to referrers. */
    private List<IncomingResource> acceptable(Connection connection, List<IncomingResource> resources,
                                              Map<ResourceKey, List<IngestProblem>> problemsByResource) throws SQLException {
        List<IncomingResource> candidates = resources.stream().filter(r -> !problemsByResource.containsKey(r.key())).toList();
        while (true) {
            Set<ResourceKey> candidateKeys = new LinkedHashSet<>();
            candidates.forEach(candidate -> candidateKeys.add(candidate.key()));
            List<IngestProblem> unresolved = referenceCheck.check(connection, candidates, candidateKeys);
            if (unresolved.isEmpty()) {
                return candidates;
            }
            unresolved.forEach(problem -> problemsByResource.computeIfAbsent(problem.resource(), key -> new ArrayList<>()).add(problem));
            candidates = candidates.stream().filter(r -> !problemsByResource.containsKey(r.key())).toList();
        }
    }

    private IngestReport store(Connection connection, String batchId, IngestRequest request, List<IncomingResource> accepted,
                               OffsetDateTime receivedAt, String sha256, int received, List<IngestProblem> problems,
                               PhaseTimings timings) throws SQLException {
        Map<ResourceKey, StoredVersion> current = store.currentVersions(connection,
                accepted.stream().map(IncomingResource::key).toList());
        timings.lap("lookup");
        VersionWriter.Plan plan = versions.plan(accepted, current, OffsetDateTime.now(clock), request.producerId(), batchId);
        timings.lap("prepare");
        int toWrite = plan.writes().size();
        versions.write(connection, plan, written -> progress.update(batchId, IngestProgress.Phase.WRITING, written, toWrite));
        timings.lap("write");
        int findingCount = versions.judge(connection, plan);
        timings.lap("quality");
        int rejected = received - accepted.size();
        IngestReport report = new IngestReport(batchId, request.producerId(), request.sourceSystem(), request.format(),
                rejected == 0 ? BatchStatus.ACCEPTED : BatchStatus.PARTIAL, sha256, receivedAt, OffsetDateTime.now(clock),
                received, (int) plan.count(VersionWriter.Change.CREATED), (int) plan.count(VersionWriter.Change.UPDATED),
                (int) plan.count(VersionWriter.Change.UNCHANGED), rejected, findingCount, describe(problems), 0);
        batches.insert(connection, report);
        return report;
    }

    private static void findDuplicates(List<IncomingResource> resources, Map<ResourceKey, List<IngestProblem>> problems) {
        Map<ResourceKey, String> firstSeen = new HashMap<>();
        for (IncomingResource incoming : resources) {
            String earlier = firstSeen.putIfAbsent(incoming.key(), incoming.location());
            if (earlier != null) {
                problems.computeIfAbsent(incoming.key(), key -> new ArrayList<>()).add(IngestProblem.of(incoming,
                        IssueType.DUPLICATE, "appears twice in the batch (first at " + earlier + ")", null));
            }
        }
    }

    private static List<String> describe(List<IngestProblem> problems) {
        return problems.stream().map(IngestProblem::describe).toList();
    }

    private void count(IngestReport report) {
        Attributes producer = Attributes.of(PRODUCER, report.producerId());
        resourceCounter.add(report.created(), producer.toBuilder().put(OUTCOME, "created").build());
        resourceCounter.add(report.updated(), producer.toBuilder().put(OUTCOME, "updated").build());
        resourceCounter.add(report.unchanged(), producer.toBuilder().put(OUTCOME, "unchanged").build());
        resourceCounter.add(report.rejected(), producer.toBuilder().put(OUTCOME, "rejected").build());
    }

}
