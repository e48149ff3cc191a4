package rhix.node.registry;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.StatusRuntimeException;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rhix.api.node.v1.HeartbeatRequest;
import rhix.api.node.v1.HeartbeatResponse;
import rhix.api.node.v1.NodeDescriptor;
import rhix.api.node.v1.NodeRegistryServiceGrpc;
import rhix.api.node.v1.RegisterNodeRequest;
import rhix.node.NodeConfiguration;
import rhix.node.grpc.GrpcServer;
import rhix.node.store.ResourceStore;
import rhix.region.NodeId;

/**
 * This node's line to its parent: registers at start-up (retrying until the parent answers),
 * then sends heartbeats, and relays its children's registrations and heartbeats up the tree.
 * Every call has a deadline and runs off the request path, so a parent that is down never
 * blocks this node or its children; when the parent forgets a node, the next heartbeat's
 * {@code known=false} brings its registration again.
 */
@Singleton
public class ParentLink implements ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(ParentLink.class);

    private final NodeConfiguration self;
    private final RegistryConfiguration configuration;
    private final Provider<GrpcServer> grpcServer;
    private final Provider<NodeRegistry> registry;
    private final DataSource dataSource;
    private final ResourceStore store;
    private final Clock clock;
    private final String httpBaseUrl;
    private ScheduledExecutorService executor;
    private ManagedChannel channel;
    private NodeRegistryServiceGrpc.NodeRegistryServiceBlockingStub parent;
    private volatile boolean registered;
    private volatile boolean parentReachable = true;

    public ParentLink(NodeConfiguration self, RegistryConfiguration configuration, Provider<GrpcServer> grpcServer,
                      Provider<NodeRegistry> registry, DataSource dataSource, ResourceStore store, Clock clock,
                      @Value("${micronaut.server.port:8080}") int httpPort) {
        this.self = self;
        this.configuration = configuration;
        this.grpcServer = grpcServer;
        this.registry = registry;
        this.dataSource = dataSource;
        this.store = store;
        this.clock = clock;
        this.httpBaseUrl = self.publicHttpUrl() != null ? self.publicHttpUrl() : "http://127.0.0.1:" + httpPort;
    }

    @Override
    public synchronized void onApplicationEvent(StartupEvent event) {
        if (!self.hasParent() || executor != null) {
            return;
        }
        channel = ManagedChannelBuilder.forTarget(self.parentTarget()).usePlaintext().build();
        parent = NodeRegistryServiceGrpc.newBlockingStub(channel);
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "parent-link");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::tick, 0, configuration.heartbeatInterval().toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("Node {} reports to its parent {} at {} every {}", self.id(), self.parentId(), self.parentTarget(),
                configuration.heartbeatInterval());
    }

    public boolean hasParent() {
        return self.hasParent();
    }

    public boolean isRegistered() {
        return registered;
    }

    /** Passes a child's registration up, adding this node to its route. */
    void relayRegistration(RegisterNodeRequest request) {
        if (executor == null) {
            return;
        }
        RegisterNodeRequest relayed = request.toBuilder().addRelayedViaNodeIds(self.id()).build();
        executor.execute(() -> call("relay registration of " + request.getNode().getNodeId(),
                () -> deadline().registerNode(relayed)));
    }

    /** Passes a child's heartbeat up; re-relays its registration when the parent does not know it. */
    void relayHeartbeat(HeartbeatRequest request) {
        if (executor == null) {
            return;
        }
        HeartbeatRequest relayed = request.toBuilder().addRelayedViaNodeIds(self.id()).build();
        executor.execute(() -> {
            HeartbeatResponse response = call("relay heartbeat of " + request.getNodeId(), () -> deadline().heartbeat(relayed));
            if (response != null && !response.getKnown()) {
                try {
                    registry.get().find(NodeId.of(request.getNodeId())).ifPresent(node -> relayRegistration(
                            RegisterNodeRequest.newBuilder().setNode(ProtoMapping.descriptor(node))
                                    .addAllRelayedViaNodeIds(request.getRelayedViaNodeIdsList()).build()));
                } catch (SQLException e) {
                    LOG.warn("could not read {} to re-register it with the parent: {}", request.getNodeId(), e.getMessage());
                }
            }
        });
    }

    private void tick() {
        if (!registered) {
            RegisterNodeRequest request = RegisterNodeRequest.newBuilder().setNode(descriptor()).build();
            registered = call("register with the parent", () -> deadline().registerNode(request)) != null;
            if (!registered) {
                return;
            }
            LOG.info("Node {} registered with {}", self.id(), self.parentId());
        }
        HeartbeatRequest heartbeat = HeartbeatRequest.newBuilder().setNodeId(self.id())
                .setSentAt(ProtoMapping.timestamp(clock.instant())).setStoredResourceCount(storedResourceCount()).build();
        HeartbeatResponse response = call("heartbeat", () -> deadline().heartbeat(heartbeat));
        if (response != null && !response.getKnown()) {
            LOG.info("Parent {} does not know node {}: registering again", self.parentId(), self.id());
            registered = false;
        }
    }

    private NodeDescriptor descriptor() {
        return NodeDescriptor.newBuilder().setNodeId(self.id()).setLevel(ProtoMapping.level(self.level()))
                .setDivisionCode(self.divisionCode()).setParentNodeId(self.parentNodeId().value())
                .setDisplayName(self.nameForDisplay()).setGrpcTarget(grpcServer.get().advertisedTarget())
                .setHttpBaseUrl(httpBaseUrl).build();
    }

    private long storedResourceCount() {
        try (Connection connection = dataSource.getConnection()) {
            return store.countCurrent(connection);
        } catch (SQLException e) {
            LOG.warn("could not count stored resources: {}", e.getMessage());
            return 0;
        }
    }

    private NodeRegistryServiceGrpc.NodeRegistryServiceBlockingStub deadline() {
        return parent.withDeadlineAfter(configuration.callDeadline().toMillis(), TimeUnit.MILLISECONDS);
    }

    private <T> T call(String what, java.util.function.Supplier<T> rpc) {
        try {
            T result = rpc.get();
            if (!parentReachable) {
                LOG.info("Parent {} at {} is reachable again", self.parentId(), self.parentTarget());
                parentReachable = true;
            }
            return result;
        } catch (StatusRuntimeException e) {
            // Log a parent outage once, not on every heartbeat.
            if (parentReachable || e.getStatus().getCode() == io.grpc.Status.Code.INVALID_ARGUMENT) {
                LOG.warn("{} with parent {} at {} failed: {}", what, self.parentId(), self.parentTarget(), e.getStatus());
            }
            parentReachable = e.getStatus().getCode() == io.grpc.Status.Code.INVALID_ARGUMENT;
            return null;
        }
    }

    @PreDestroy
    public synchronized void close() throws InterruptedException {
        if (executor != null) {
            executor.shutdownNow();
            channel.shutdownNow().awaitTermination(2, TimeUnit.SECONDS);
            executor = null;
        }
    }
}
