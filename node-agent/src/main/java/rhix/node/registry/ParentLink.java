package rhix.node.registry;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rhix.api.node.v1.HeartbeatRequest;
import rhix.api.node.v1.HeartbeatResponse;
import rhix.api.node.v1.NodeDescriptor;
import rhix.api.node.v1.NodeRegistryServiceGrpc;
import rhix.api.node.v1.RegisterNodeRequest;
import rhix.api.node.v1.RegisterNodeResponse;
import rhix.node.NodeConfiguration;
import rhix.node.grpc.GrpcChannels;
import rhix.region.NodeId;

/**
 * This node's line to its parent ({@code rhix.node.parent-target}): registers at start-up, retrying
 * with backoff until the parent accepts, then sends a heartbeat every heartbeat interval; registers
 * again when the parent answers {@code known=false} or this node's description changes. It also
 * relays its children's registrations and heartbeats up, so the province learns the whole tree.
 *
 * <p>Every call is asynchronous and has a deadline: a parent that is down or slow never holds up this
 * node's start-up or a child's call. A relay that fails is not queued; the child's next heartbeat
 * relays again, and a parent that answers {@code known=false} to it gets the child's registration again.
 */
@Singleton
public class ParentLink implements ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(ParentLink.class);

    private final NodeConfiguration self;
    private final RegistryConfiguration configuration;
    private final LocalNode localNode;
    private final NodeRegistryRepository repository;
    private final GrpcChannels channels;
    private final Clock clock;
    private final AtomicBoolean parentAnswering = new AtomicBoolean(true);
    private volatile ScheduledExecutorService scheduler;
    private volatile ManagedChannel channel;
    private volatile NodeRegistryServiceGrpc.NodeRegistryServiceFutureStub parent;
    // What the parent accepted; null before that and once the parent has forgotten this node.
    private volatile NodeDescriptor registeredAs;
    // Touched only on the scheduler thread.
    private Duration nextRegistrationRetry;
    private long lastCountedResources;

    public ParentLink(NodeConfiguration self, RegistryConfiguration configuration, LocalNode localNode,
                      NodeRegistryRepository repository, GrpcChannels channels, Clock clock) {
        this.self = self;
        this.configuration = configuration;
        this.localNode = localNode;
        this.repository = repository;
        this.channels = channels;
        this.clock = clock;
    }

    @Override
    public synchronized void onApplicationEvent(StartupEvent event) {
        if (!self.hasParent() || scheduler != null) {
            return;
        }
        NodeId parentId = self.parentNodeId();
        // Describing this node binds the gRPC port now, on the start-up thread, so a port conflict fails start-up.
        String advertised = localNode.description().grpcTarget();
        channel = channels.open(self.parentTarget());
        parent = NodeRegistryServiceGrpc.newFutureStub(channel);
        nextRegistrationRetry = configuration.firstRegistrationRetry();
        scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("parent-link-" + self.id()).daemon().factory());
        schedule(Duration.ZERO);
        LOG.info("Node {} (gRPC {}) reports to its parent {} at {} every {}", self.id(), advertised, parentId,
                self.parentTarget(), configuration.heartbeatInterval());
    }

    /** True while the parent has accepted this node's current description. */
    public boolean isRegistered() {
        return registeredAs != null;
    }

    /** Passes a child's accepted registration up, adding this node to its route. */
    void relayRegistration(RegisterNodeRequest request) {
        // Until this node is registered itself, the parent would refuse its descendants; their
        // heartbeats bring the registrations again once it is.
        if (registeredAs == null) {
            return;
        }
        RegisterNodeRequest relayed = request.toBuilder().addRelayedViaNodeIds(self.id()).build();
        outlivingTheChildsCall(() -> whenAnswered(withDeadline().registerNode(relayed), accepted -> answering(),
                failure -> reportRelayFailure("registration of " + request.getNode().getNodeId(), failure)));
    }

    /** Passes a child's heartbeat up; sends its registration again when the parent does not know it. */
    void relayHeartbeat(HeartbeatRequest request) {
        if (registeredAs == null) {
            return;
        }
        HeartbeatRequest relayed = request.toBuilder().addRelayedViaNodeIds(self.id()).build();
        outlivingTheChildsCall(() -> whenAnswered(withDeadline().heartbeat(relayed), response -> {
            answering();
            if (!response.getKnown()) {
                relayStoredRegistration(request);
            }
        }, failure -> reportRelayFailure("heartbeat of " + request.getNodeId(), failure)));
    }

    /**
     * A relay starts while the child's call is being answered, and a call started in a server call's
     * gRPC context is cancelled when that call completes: the relay runs in a fork without the
     * cancellation (the trace still follows, so the relay shows as part of the child's call).
     */
    private static void outlivingTheChildsCall(Runnable relay) {
        Context.current().fork().run(relay);
    }

    private void tick() {
        try {
            NodeDescriptor current = ProtoMapping.descriptor(localNode.description());
            if (current.equals(registeredAs)) {
                heartbeat();
            } else {
                register(current);
            }
        } catch (RuntimeException e) {
            LOG.warn("Node {} could not report to its parent; trying again in {}", self.id(),
                    configuration.heartbeatInterval(), e);
            schedule(configuration.heartbeatInterval());
        }
    }

    private void register(NodeDescriptor descriptor) {
        ListenableFuture<RegisterNodeResponse> call = withDeadline().registerNode(
                RegisterNodeRequest.newBuilder().setNode(descriptor).build());
        whenAnswered(call, response -> {
            answering();
            registeredAs = descriptor;
            nextRegistrationRetry = configuration.firstRegistrationRetry();
            LOG.info("Node {} registered with its parent {}", self.id(), response.getAcceptedByNodeId());
            // A heartbeat right away, so the parent shows this node alive rather than unknown.
            schedule(Duration.ZERO);
        }, failure -> {
            Duration wait = nextRegistrationRetry;
            Duration doubled = wait.multipliedBy(2);
            nextRegistrationRetry = doubled.compareTo(configuration.maxRegistrationBackoff()) < 0 ? doubled
                    : configuration.maxRegistrationBackoff();
            reportFailure("register with", failure);
            schedule(wait);
        });
    }

    private void heartbeat() {
        try {
            lastCountedResources = localNode.storedResourceCount();
        } catch (SQLException e) {
            // Report the last count rather than a false zero; the heartbeat itself matters more.
            LOG.warn("Node {} could not count its stored resources: {}", self.id(), e.getMessage());
        }
        HeartbeatRequest request = HeartbeatRequest.newBuilder()
                .setNodeId(self.id())
                .setSentAt(ProtoMapping.timestamp(clock.instant()))
                .setStoredResourceCount(lastCountedResources)
                .build();
        whenAnswered(withDeadline().heartbeat(request), response -> {
            answering();
            if (response.getKnown()) {
                schedule(configuration.heartbeatInterval());
            } else {
                LOG.info("Parent {} does not know node {}: registering again", self.parentId(), self.id());
                registeredAs = null;
                schedule(Duration.ZERO);
            }
        }, failure -> {
            reportFailure("send a heartbeat to", failure);
            schedule(configuration.heartbeatInterval());
        });
    }

    private void relayStoredRegistration(HeartbeatRequest heartbeat) {
        try {
            repository.find(NodeId.of(heartbeat.getNodeId())).ifPresent(node -> relayRegistration(
                    RegisterNodeRequest.newBuilder()
                            .setNode(ProtoMapping.descriptor(node.description()))
                            .addAllRelayedViaNodeIds(heartbeat.getRelayedViaNodeIdsList())
                            .build()));
        } catch (SQLException e) {
            LOG.warn("Node {} could not read {} to register it with its parent again: {}", self.id(),
                    heartbeat.getNodeId(), e.getMessage());
        }
    }

    private NodeRegistryServiceGrpc.NodeRegistryServiceFutureStub withDeadline() {
        return parent.withDeadlineAfter(configuration.callDeadline().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs the outcome on the scheduler thread, which owns the retry state; dropped once closed. */
    private <T> void whenAnswered(ListenableFuture<T> call, Consumer<T> onAnswer, Consumer<Throwable> onFailure) {
        Futures.addCallback(call, new FutureCallback<>() {
            @Override
            public void onSuccess(T answer) {
                onAnswer.accept(answer);
            }

            @Override
            public void onFailure(Throwable failure) {
                onFailure.accept(failure);
            }
        }, task -> {
            try {
                scheduler.execute(task);
            } catch (RejectedExecutionException closing) {
                // The node is stopping: nobody waits for this answer any more.
            }
        });
    }

    private void schedule(Duration delay) {
        try {
            scheduler.schedule(this::tick, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            // The node is stopping.
        }
    }

    private void answering() {
        if (parentAnswering.compareAndSet(false, true)) {
            LOG.info("Parent {} at {} answers again", self.parentId(), self.parentTarget());
        }
    }

    /** A refusal is logged every time (it needs an operator); an outage once, not on every retry. */
    private void reportFailure(String action, Throwable failure) {
        Status status = Status.fromThrowable(failure);
        if (status.getCode() == Status.Code.INVALID_ARGUMENT) {
            answering();
            LOG.warn("Node {} could not {} its parent {}, which refused: {}", self.id(), action, self.parentId(),
                    status.getDescription());
        } else if (parentAnswering.compareAndSet(true, false)) {
            LOG.warn("Node {} could not {} its parent {} at {} ({}); retrying quietly until it answers", self.id(),
                    action, self.parentId(), self.parentTarget(), describe(status));
        } else {
            LOG.debug("Node {} could not {} its parent: {}", self.id(), action, describe(status));
        }
    }

    private void reportRelayFailure(String what, Throwable failure) {
        Status status = Status.fromThrowable(failure);
        if (status.getCode() == Status.Code.INVALID_ARGUMENT) {
            answering();
            LOG.info("Parent {} refused the relayed {} (relayed again with its next heartbeat): {}", self.parentId(), what,
                    status.getDescription());
        } else {
            LOG.debug("Relaying the {} to parent {} failed ({}); its next heartbeat tries again", what, self.parentId(),
                    describe(status));
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
        // Heartbeats in flight are worth nothing once the node stops, so they are cancelled, not awaited.
        channel.shutdownNow().awaitTermination(2, TimeUnit.SECONDS);
    }
}
