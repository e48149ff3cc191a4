package rhix.node.ingest;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rhix.fhir.facade.store.ChangeOutcome;
import rhix.fhir.facade.store.ResourceChange;
import rhix.fhir.facade.store.ResourceWriter;
import rhix.fhir.facade.store.WriteResult;
import rhix.fhir.facade.store.WriteResult.Reason;
import rhix.fhir.facade.store.WriteResult.WriteProblem;
import rhix.node.identity.LocalPatientIdentityRepository;
import rhix.node.mpi.MpiOutbox;
import rhix.node.mpi.MpiRegistrationRelay;
import rhix.node.store.ContentHash;
import rhix.node.store.ResourceKey;
import rhix.node.store.ResourceStore;
import rhix.node.store.StoreWriteLock;
import rhix.node.store.StoredVersion;

/**
 * Writes that arrive over the FHIR API (create, update, delete, transaction) pass the same front-end
 * processor as a producer's batch: the same content checks, reference check, ledger row, identity
 * traits (queued for registration with the MPI; a delete queues the patient's retraction) and quality
 * findings, under the same single-writer lock. A set of changes is one store transaction: all of it is
 * stored, or nothing and the reasons.
 */
@Singleton
public class FhirWriteService implements ResourceWriter {

    private static final Logger LOG = LoggerFactory.getLogger(FhirWriteService.class);
    static final String SOURCE_SYSTEM = "FHIR API";
    private static final int REFERRERS_SHOWN = 5;
    /** Records about a resource, not content that depends on it: they outlive it and never block its deletion. */
    private static final Set<String> RECORDS_ABOUT = Set.of("AuditEvent", "Provenance");

    private final DataSource dataSource;
    private final ResourceChecks checks;
    private final ReferenceCheck referenceCheck;
    private final ResourceStore store;
    private final VersionWriter versions;
    private final LocalPatientIdentityRepository identities;
    private final MpiOutbox mpiOutbox;
    private final MpiRegistrationRelay mpiRelay;
    private final IngestBatchRepository batches;
    private final StoreWriteLock writeLock;
    private final Clock clock;
    private final Tracer tracer;

    public FhirWriteService(DataSource dataSource, ResourceChecks checks, ReferenceCheck referenceCheck, ResourceStore store,
                            VersionWriter versions, LocalPatientIdentityRepository identities, MpiOutbox mpiOutbox,
                            MpiRegistrationRelay mpiRelay, IngestBatchRepository batches, StoreWriteLock writeLock, Clock clock,
                            OpenTelemetry openTelemetry) {
        this.dataSource = dataSource;
        this.checks = checks;
        this.referenceCheck = referenceCheck;
        this.store = store;
        this.versions = versions;
        this.identities = identities;
        this.mpiOutbox = mpiOutbox;
        this.mpiRelay = mpiRelay;
        this.batches = batches;
        this.writeLock = writeLock;
        this.clock = clock;
        this.tracer = openTelemetry.getTracer("rhix.node.ingest");
    }

    @Override
    public WriteResult apply(List<ResourceChange> changes, String writer) {
        String batchId = UUID.randomUUID().toString();
        OffsetDateTime receivedAt = OffsetDateTime.now(clock);
        Span span = tracer.spanBuilder("fhir write").setAttribute("rhix.batch.id", batchId)
                .setAttribute("rhix.producer", writer).setAttribute("rhix.changes", changes.size()).startSpan();
        try (Scope ignored = span.makeCurrent()) {
            List<IncomingResource> upserts = new ArrayList<>();
            List<WriteProblem> problems = checkContent(changes, upserts);
            if (!problems.isEmpty()) {
                return refuse(batchId, writer, receivedAt, changes, Reason.INVALID, problems);
            }
            writeLock.lock();
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                try {
                    WriteResult result = applyChecked(connection, batchId, writer, receivedAt, changes, upserts);
                    if (result instanceof WriteResult.Applied) {
                        connection.commit();
                        mpiRelay.deliverSoon();
                    } else {
                        connection.rollback();
                    }
                    span.setAttribute("rhix.write.result", result.getClass().getSimpleName());
                    return result;
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                }
            } catch (SQLException e) {
                span.recordException(e);
                throw new IngestionStoreException(batchId, e);
            } finally {
                writeLock.unlock();
            }
        } finally {
            span.end();
        }
    }

    /** The checks that need no store: well-formed ids, required elements, resident IDs, one change per resource. */
    private List<WriteProblem> checkContent(List<ResourceChange> changes, List<IncomingResource> upserts) {
        List<WriteProblem> problems = new ArrayList<>();
        Map<ResourceKey, String> seen = new LinkedHashMap<>();
        for (ResourceChange change : changes) {
            ResourceKey key = new ResourceKey(change.resourceType(), change.resourceId());
            String earlier = seen.putIfAbsent(key, change.location());
            if (earlier != null) {
                problems.add(new WriteProblem(change.location(), key + " is changed twice (first at " + earlier + ")", null));
            }
            switch (change) {
                case ResourceChange.Create create -> upserts.add(new IncomingResource(change.location(), key, create.resource()));
                case ResourceChange.Update update -> upserts.add(new IncomingResource(change.location(), key, update.resource()));
                case ResourceChange.Delete ignored -> {
                }
            }
        }
        for (IncomingResource incoming : upserts) {
            checks.check(incoming).forEach(problem -> problems.add(toWriteProblem(problem)));
        }
        return problems;
    }

    private WriteResult applyChecked(Connection connection, String batchId, String writer, OffsetDateTime receivedAt,
                                     List<ResourceChange> changes, List<IncomingResource> upserts) throws SQLException {
        Map<ResourceKey, StoredVersion> current = store.currentVersions(connection,
                changes.stream().map(change -> new ResourceKey(change.resourceType(), change.resourceId())).toList());

        List<WriteProblem> notFound = new ArrayList<>();
        List<WriteProblem> preconditions = new ArrayList<>();
        Set<ResourceKey> deleting = new HashSet<>();
        for (ResourceChange change : changes) {
            ResourceKey key = new ResourceKey(change.resourceType(), change.resourceId());
            StoredVersion stored = current.get(key);
            boolean live = stored != null && !stored.deleted();
            switch (change) {
                case ResourceChange.Create create -> {
                    if (stored != null) {
                        preconditions.add(new WriteProblem(change.location(), key + " already exists", null));
                    }
                    ResourceChange.IdentifierCondition condition = create.ifNoneExist();
                    if (condition != null && !store.withIdentifier(connection, change.resourceType(), condition.system(),
                            condition.value(), 1).isEmpty()) {
                        preconditions.add(new WriteProblem(change.location(), "a " + change.resourceType() + " with identifier "
                                + describe(create.ifNoneExist()) + " was stored meanwhile: repeat the conditional create", null));
                    }
                }
                case ResourceChange.Update update -> {
                    if (update.ifMatchVersion() != null && (!live || stored.versionId() != update.ifMatchVersion())) {
                        preconditions.add(new WriteProblem(change.location(), "If-Match version " + update.ifMatchVersion()
                                + " is not the current version of " + key + (live ? " (" + stored.versionId() + ")" : ""), null));
                    }
                }
                case ResourceChange.Delete delete -> {
                    if (stored == null) {
                        notFound.add(new WriteProblem(change.location(), key + " is not stored here", null));
                    } else if (delete.ifMatchVersion() != null && stored.versionId() != delete.ifMatchVersion()) {
                        preconditions.add(new WriteProblem(change.location(), "If-Match version " + delete.ifMatchVersion()
                                + " is not the current version of " + key + " (" + stored.versionId() + ")", null));
                    }
                    if (live) {
                        deleting.add(key);
                    }
                }
            }
        }
        if (!notFound.isEmpty()) {
            return refuse(batchId, writer, receivedAt, changes, Reason.NOT_FOUND, notFound);
        }
        if (!preconditions.isEmpty()) {
            return refuse(batchId, writer, receivedAt, changes, Reason.PRECONDITION_FAILED, preconditions);
        }

        Set<ResourceKey> upsertKeys = new HashSet<>();
        upserts.forEach(incoming -> upsertKeys.add(incoming.key()));
        List<WriteProblem> unresolved = referenceCheck.check(connection, upserts, upsertKeys, deleting).stream()
                .map(FhirWriteService::toWriteProblem).toList();
        if (!unresolved.isEmpty()) {
            return refuse(batchId, writer, receivedAt, changes, Reason.INVALID, unresolved);
        }
        List<WriteProblem> conflicts = new ArrayList<>();
        for (ResourceChange change : changes) {
            ResourceKey key = new ResourceKey(change.resourceType(), change.resourceId());
            if (!deleting.contains(key)) {
                continue;
            }
            // A referrer rewritten by the same transaction has passed the reference check above already.
            List<ResourceKey> referrers = store.referrers(connection, key, RECORDS_ABOUT,
                            REFERRERS_SHOWN + upsertKeys.size() + deleting.size())
                    .stream().filter(referrer -> !deleting.contains(referrer) && !upsertKeys.contains(referrer)).toList();
            if (!referrers.isEmpty()) {
                conflicts.add(new WriteProblem(change.location(), key + " is still referred to by "
                        + String.join(", ", referrers.stream().limit(REFERRERS_SHOWN).map(ResourceKey::toString).toList())
                        + (referrers.size() > REFERRERS_SHOWN ? " and others" : "") + ": delete or change those first", null));
            }
        }
        if (!conflicts.isEmpty()) {
            return refuse(batchId, writer, receivedAt, changes, Reason.CONFLICT, conflicts);
        }
        return store(connection, batchId, writer, receivedAt, changes, upserts, current);
    }

    private WriteResult store(Connection connection, String batchId, String writer, OffsetDateTime receivedAt,
                              List<ResourceChange> changes, List<IncomingResource> upserts,
                              Map<ResourceKey, StoredVersion> current) throws SQLException {
        OffsetDateTime now = OffsetDateTime.now(clock);
        Map<ResourceKey, Integer> tombstones = new LinkedHashMap<>();
        List<String> deletedPatients = new ArrayList<>();
        int alreadyDeleted = 0;
        for (ResourceChange change : changes) {
            if (!(change instanceof ResourceChange.Delete)) {
                continue;
            }
            ResourceKey key = new ResourceKey(change.resourceType(), change.resourceId());
            StoredVersion stored = current.get(key);
            if (stored.deleted()) {
                alreadyDeleted++;
            } else {
                tombstones.put(key, stored.versionId() + 1);
                if ("Patient".equals(key.resourceType())) {
                    deletedPatients.add(key.resourceId());
                }
            }
        }
        VersionWriter.Plan plan = versions.plan(upserts, current, now, writer, batchId);
        versions.write(connection, plan, written -> { });
        store.delete(connection, tombstones, now, writer, batchId);
        identities.delete(connection, deletedPatients);
        mpiOutbox.queueRetractions(connection, deletedPatients, now);
        int findingCount = versions.judge(connection, plan);

        List<ChangeOutcome> outcomes = new ArrayList<>();
        for (ResourceChange change : changes) {
            ResourceKey key = new ResourceKey(change.resourceType(), change.resourceId());
            if (change instanceof ResourceChange.Delete) {
                StoredVersion stored = current.get(key);
                outcomes.add(tombstones.containsKey(key)
                        ? outcome(key, tombstones.get(key), now, ChangeOutcome.Kind.DELETED)
                        : outcome(key, stored.versionId(), stored.lastUpdated(), ChangeOutcome.Kind.ALREADY_DELETED));
            } else {
                VersionWriter.Version version = plan.versions().get(key);
                outcomes.add(outcome(key, version.versionId(), version.lastUpdated(), switch (version.change()) {
                    case CREATED -> ChangeOutcome.Kind.CREATED;
                    case UPDATED -> ChangeOutcome.Kind.UPDATED;
                    case UNCHANGED -> ChangeOutcome.Kind.UNCHANGED;
                }));
            }
        }
        IngestReport report = new IngestReport(batchId, writer, SOURCE_SYSTEM, PayloadFormat.FHIR_REST, BatchStatus.ACCEPTED,
                fingerprint(changes), receivedAt, OffsetDateTime.now(clock), changes.size(),
                (int) plan.count(VersionWriter.Change.CREATED), (int) plan.count(VersionWriter.Change.UPDATED),
                (int) plan.count(VersionWriter.Change.UNCHANGED) + alreadyDeleted, 0, findingCount, List.of(), tombstones.size());
        batches.insert(connection, report);
        LOG.debug("FHIR write {} by {}: {}", batchId, writer, report);
        return new WriteResult.Applied(batchId, outcomes);
    }

    /** Records the refusal in the ledger (its own transaction: the write's was rolled back) and says why. */
    private WriteResult refuse(String batchId, String writer, OffsetDateTime receivedAt, List<ResourceChange> changes,
                               Reason reason, List<WriteProblem> problems) {
        IngestReport report = new IngestReport(batchId, writer, SOURCE_SYSTEM, PayloadFormat.FHIR_REST, BatchStatus.REJECTED,
                fingerprint(changes), receivedAt, OffsetDateTime.now(clock), changes.size(), 0, 0, 0, changes.size(), 0,
                problems.stream().map(problem -> problem.location() + ": " + problem.message()).toList(), 0);
        try {
            batches.insert(report);
        } catch (SQLException e) {
            throw new IngestionStoreException(batchId, e);
        }
        return new WriteResult.Refused(reason, problems);
    }

    /** What the ledger's checksum identifies for a FHIR write: the list of changes, in order. */
    private static String fingerprint(List<ResourceChange> changes) {
        StringBuilder text = new StringBuilder();
        changes.forEach(change -> text.append(change.getClass().getSimpleName()).append(' ').append(change.resourceType())
                .append('/').append(change.resourceId()).append('\n'));
        return ContentHash.sha256(text.toString());
    }

    private static ChangeOutcome outcome(ResourceKey key, int version, OffsetDateTime at, ChangeOutcome.Kind kind) {
        return new ChangeOutcome(key.resourceType(), key.resourceId(), version, at.toInstant(), kind);
    }

    private static WriteProblem toWriteProblem(IngestProblem problem) {
        return new WriteProblem(problem.location(), problem.message(), problem.expression());
    }

    private static String describe(ResourceChange.IdentifierCondition condition) {
        return (condition.system() == null ? "" : condition.system() + "|") + condition.value();
    }
}
