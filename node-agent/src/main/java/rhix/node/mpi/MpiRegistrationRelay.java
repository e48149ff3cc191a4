package rhix.node.mpi;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rhix.api.mpi.v1.MasterPatientIndexServiceGrpc;
import rhix.api.mpi.v1.RegisterIdentitiesRequest;
import rhix.api.mpi.v1.RegisterIdentitiesResponse;
import rhix.api.mpi.v1.RegisteredIdentity;
import rhix.api.mpi.v1.RetractIdentitiesRequest;
import rhix.node.NodeConfiguration;
import rhix.node.grpc.GrpcChannels;

/**
 * Sends the MPI outbox to the MPI ({@code rhix.node.mpi.target}) in batches: right after each write that
 * queued something ({@link #deliverSoon()}), and every poll interval for whatever that missed. The MPI is a
 * remote service that may be down, so ingestion never waits for it: writers only queue, and this relay
 * works on its own thread.
 *
 * <ul>
 *   <li>Accepted changes are marked sent with the enterprise id and link outcome the MPI answered.</li>
 *   <li>When the MPI cannot be reached or answers with an error, nothing is lost: the batch stays pending
 *       with the reason, and the relay backs off (doubling from {@code retry-min-backoff} up to
 *       {@code retry-max-backoff}) before trying again; writes meanwhile do not hurry it.</li>
 *   <li>The MPI refuses a whole request with {@code INVALID_ARGUMENT} when one record is bad, so a refused
 *       batch is split in halves until the refused records are alone; those are marked failed with the
 *       MPI's message (an operator's work item, not retried until the patient changes), the rest go through.</li>
 * </ul>
 */
@Singleton
public class MpiRegistrationRelay implements ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(MpiRegistrationRelay.class);

    private final MpiConfiguration configuration;
    private final NodeConfiguration node;
    private final MpiOutbox outbox;
    private final DataSource dataSource;
    private final GrpcChannels channels;
    private final Clock clock;
    private final Tracer tracer;
    private final AtomicBoolean deliveryRequested = new AtomicBoolean();
    private volatile ScheduledExecutorService scheduler;
    private volatile ManagedChannel channel;
    private volatile MasterPatientIndexServiceGrpc.MasterPatientIndexServiceBlockingStub mpi;
    // Touched only on the scheduler thread.
    private Duration nextBackoff;
    private boolean backingOff;
    private long resumeAtNanos;
    private boolean mpiAnswering = true;

    public MpiRegistrationRelay(MpiConfiguration configuration, NodeConfiguration node, MpiOutbox outbox,
                                DataSource dataSource, GrpcChannels channels, Clock clock, OpenTelemetry openTelemetry) {
        this.configuration = configuration;
        this.node = node;
        this.outbox = outbox;
        this.dataSource = dataSource;
        this.channels = channels;
        this.clock = clock;
        this.tracer = openTelemetry.getTracer("rhix.node.mpi");
        this.nextBackoff = configuration.retryMinBackoff();
    }

    @Override
    public synchronized void onApplicationEvent(StartupEvent event) {
        if (scheduler != null) {
            return;
        }
        switch (configuration.mode()) {
            case NOT_CONFIGURED -> {
                LOG.warn("Node {} does not register patients with the MPI: rhix.node.mpi.target is not set."
                        + " Their identities wait in the outbox ({} pending) until it is", node.id(), pendingCount());
                return;
            }
            case DISABLED -> {
                LOG.warn("Node {} does not register patients with the MPI at {}: rhix.node.mpi.enabled is false."
                        + " Their identities wait in the outbox ({} pending)", node.id(), configuration.target(), pendingCount());
                return;
            }
            case ACTIVE -> {
            }
        }
        channel = channels.open(configuration.target());
        mpi = MasterPatientIndexServiceGrpc.newBlockingStub(channel);
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("mpi-relay-" + node.id()).daemon().factory());
        long poll = configuration.pollInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::deliver, 0, poll, TimeUnit.MILLISECONDS);
        LOG.info("Node {} registers its patients' identities with the MPI at {} (batches of up to {})", node.id(),
                configuration.target(), configuration.batchSize());
    }

    public MpiRegistrationMode mode() {
        return configuration.mode();
    }

    public String target() {
        return configuration.target();
    }

    /**
     * Asks for the outbox to be sent now; returns at once. Call after committing a write that queued changes.
     * Requests while one is waiting fold into it; while the MPI is not answering, the backoff decides.
     */
    public void deliverSoon() {
        ScheduledExecutorService running = scheduler;
        if (running == null || !deliveryRequested.compareAndSet(false, true)) {
            return;
        }
        try {
            running.execute(this::deliver);
        } catch (RejectedExecutionException closing) {
            // The node is stopping: what is queued is sent after the next start.
        }
    }

    private void deliver() {
        deliveryRequested.set(false);
        if (backingOff && System.nanoTime() - resumeAtNanos < 0) {
            return;
        }
        try {
            while (deliverBatch()) {
                // until the outbox is empty, the MPI stops answering, or a round settles nothing
            }
        } catch (SQLException | RuntimeException e) {
            if (scheduler.isShutdown()) {
                return; // the node is stopping and cancelled the send; the rows are still pending
            }
            // The store failed (or something unforeseen): wait like for an unreachable MPI rather than spin.
            LOG.warn("Node {} could not work through its MPI outbox; trying again in {}", node.id(), nextBackoff, e);
            backOff();
        }
    }

    /** Sends one batch; true when another may follow right away. */
    private boolean deliverBatch() throws SQLException {
        List<PendingChange> batch;
        try (Connection connection = dataSource.getConnection()) {
            batch = outbox.pending(connection, configuration.batchSize());
        }
        if (batch.isEmpty()) {
            return false;
        }
        List<PendingChange> registrations = new ArrayList<>();
        List<PendingChange> retractions = new ArrayList<>();
        List<PendingChange> withoutTraits = new ArrayList<>();
        for (PendingChange change : batch) {
            if (change.action() == MpiAction.RETRACT) {
                retractions.add(change);
            } else if (change.identity() == null) {
                withoutTraits.add(change);
            } else {
                registrations.add(change);
            }
        }
        if (!withoutTraits.isEmpty()) {
            // Cannot happen while traits and outbox are written together; if it does, say so rather than loop.
            LOG.error("Node {} has MPI registrations without identity traits: {}", node.id(),
                    withoutTraits.stream().map(PendingChange::patientId).toList());
            settle(connection -> outbox.markFailed(connection, withoutTraits, "no identity traits stored for this patient",
                    now()));
        }
        Span span = tracer.spanBuilder("mpi registration")
                .setAttribute("rhix.mpi.registrations", registrations.size())
                .setAttribute("rhix.mpi.retractions", retractions.size())
                .startSpan();
        try (Scope ignored = span.makeCurrent()) {
            boolean answered = send(registrations, this::register) && send(retractions, this::retract);
            if (!answered) {
                span.setStatus(StatusCode.ERROR, "MPI not answering");
            }
            return answered;
        } finally {
            span.end();
        }
    }

    @FunctionalInterface
    private interface Call {
        void send(List<PendingChange> changes) throws SQLException;
    }

    /** Sends the changes, isolating those the MPI refuses; false when the MPI did not answer. */
    private boolean send(List<PendingChange> changes, Call call) throws SQLException {
        if (changes.isEmpty()) {
            return true;
        }
        try {
            call.send(changes);
            answering();
            return true;
        } catch (StatusRuntimeException e) {
            Status status = e.getStatus();
            if (status.getCode() != Status.Code.INVALID_ARGUMENT) {
                notAnswering(changes, status);
                return false;
            }
            answering();
            if (changes.size() > 1) {
                int half = changes.size() / 2;
                return send(changes.subList(0, half), call) && send(changes.subList(half, changes.size()), call);
            }
            PendingChange refused = changes.getFirst();
            LOG.warn("The MPI refused the {} of Patient/{} (not retried until the patient changes): {}",
                    refused.action() == MpiAction.REGISTER ? "registration" : "retraction", refused.patientId(),
                    status.getDescription());
            settle(connection -> outbox.markFailed(connection, changes, describe(status), now()));
            return true;
        }
    }

    private void register(List<PendingChange> changes) throws SQLException {
        RegisterIdentitiesRequest.Builder request = RegisterIdentitiesRequest.newBuilder();
        changes.forEach(change -> request.addIdentities(MpiProtoMapping.localIdentity(node.id(), change.identity())));
        RegisterIdentitiesResponse response = withDeadline().registerIdentities(request.build());
        Map<String, RegisteredIdentity> answered = new LinkedHashMap<>();
        response.getIdentitiesList().stream().filter(identity -> identity.getNodeId().equals(node.id()))
                .forEach(identity -> answered.put(identity.getLocalId(), identity));
        Map<PendingChange, MpiOutbox.Linked> linked = new LinkedHashMap<>();
        List<PendingChange> leftOut = new ArrayList<>();
        for (PendingChange change : changes) {
            RegisteredIdentity identity = answered.get(change.patientId());
            if (identity == null || identity.getEnterpriseId().isEmpty()) {
                leftOut.add(change);
            } else {
                if (identity.getResidentIdInvalid()) {
                    // Ingestion refuses invalid numbers, so the two checks disagree: worth a look, not a failure.
                    LOG.warn("The MPI flagged the resident ID of Patient/{} as invalid", change.patientId());
                }
                linked.put(change, new MpiOutbox.Linked(identity.getEnterpriseId(), MpiLinkOutcome.of(identity.getOutcome())));
            }
        }
        settle(connection -> {
            outbox.markRegistered(connection, linked, now());
            if (!leftOut.isEmpty()) {
                LOG.warn("The MPI's answer left out {} of the {} patients registered", leftOut.size(), changes.size());
                outbox.markFailed(connection, leftOut, "the MPI's answer did not link this patient to an enterprise id", now());
            }
        });
    }

    private void retract(List<PendingChange> changes) throws SQLException {
        RetractIdentitiesRequest.Builder request = RetractIdentitiesRequest.newBuilder();
        changes.forEach(change -> request.addRecords(MpiProtoMapping.recordKey(node.id(), change.patientId())));
        withDeadline().retractIdentities(request.build());
        settle(connection -> outbox.markRetracted(connection, changes, now()));
    }

    @FunctionalInterface
    private interface Settlement {
        void apply(Connection connection) throws SQLException;
    }

    private void settle(Settlement settlement) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                settlement.apply(connection);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private MasterPatientIndexServiceGrpc.MasterPatientIndexServiceBlockingStub withDeadline() {
        return mpi.withDeadlineAfter(configuration.deadline().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void answering() {
        backingOff = false;
        nextBackoff = configuration.retryMinBackoff();
        if (!mpiAnswering) {
            mpiAnswering = true;
            LOG.info("The MPI at {} answers again: node {} sends its outbox", configuration.target(), node.id());
        }
    }

    /** An outage is logged once, not on every retry; the rows carry the latest reason for the status page. */
    private void notAnswering(List<PendingChange> changes, Status status) throws SQLException {
        if (scheduler.isShutdown()) {
            return; // cancelled because the node is stopping, not an outage
        }
        settle(connection -> outbox.markAttempted(connection, changes, describe(status), now()));
        if (mpiAnswering) {
            mpiAnswering = false;
            LOG.warn("Node {} could not register identities with the MPI at {} ({}); they stay queued, retrying with backoff"
                    + " until it answers", node.id(), configuration.target(), describe(status));
        } else {
            LOG.debug("MPI at {} still not answering: {}", configuration.target(), describe(status));
        }
        backOff();
    }

    private void backOff() {
        Duration wait = nextBackoff;
        Duration doubled = wait.multipliedBy(2);
        nextBackoff = doubled.compareTo(configuration.retryMaxBackoff()) < 0 ? doubled : configuration.retryMaxBackoff();
        backingOff = true;
        resumeAtNanos = System.nanoTime() + wait.toNanos();
        try {
            scheduler.schedule(this::deliver, wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            // The node is stopping.
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }

    private long pendingCount() {
        try (Connection connection = dataSource.getConnection()) {
            return outbox.backlog(connection).pending();
        } catch (SQLException e) {
            LOG.debug("Could not count the MPI outbox", e);
            return -1;
        }
    }

    private static String describe(Status status) {
        return status.getDescription() == null ? status.getCode().toString()
                : status.getCode() + ": " + status.getDescription();
    }

    @PreDestroy
    public synchronized void close() throws InterruptedException {
        if (scheduler == null) {
            return;
        }
        scheduler.shutdownNow();
        // A send in flight is cancelled: its rows are still pending and go out after the next start.
        channel.shutdownNow().awaitTermination(2, TimeUnit.SECONDS);
        scheduler.awaitTermination(2, TimeUnit.SECONDS);
    }
}
