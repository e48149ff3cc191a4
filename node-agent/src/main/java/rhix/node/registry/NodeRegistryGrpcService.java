package rhix.node.registry;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import javax.sql.DataSource;
import rhix.api.node.v1.GetNodeTreeRequest;
import rhix.api.node.v1.GetNodeTreeResponse;
import rhix.api.node.v1.HeartbeatRequest;
import rhix.api.node.v1.HeartbeatResponse;
import rhix.api.node.v1.NodeDescriptor;
import rhix.api.node.v1.NodeRegistryServiceGrpc;
import rhix.api.node.v1.NodeStatus;
import rhix.api.node.v1.RegisterNodeRequest;
import rhix.api.node.v1.RegisterNodeResponse;
import rhix.node.NodeConfiguration;
import rhix.node.grpc.GrpcServer;
import rhix.node.store.ResourceStore;

/** {@code rhix.node.v1.NodeRegistryService}: the gRPC face of {@link NodeRegistry}. */
@Singleton
public class NodeRegistryGrpcService extends NodeRegistryServiceGrpc.NodeRegistryServiceImplBase {

    private final NodeRegistry registry;
    private final ParentLink parentLink;
    private final NodeConfiguration self;
    private final RegistryConfiguration configuration;
    private final jakarta.inject.Provider<GrpcServer> grpcServer;
    private final DataSource dataSource;
    private final ResourceStore store;
    private final Clock clock;

    public NodeRegistryGrpcService(NodeRegistry registry, ParentLink parentLink, NodeConfiguration self,
                                   RegistryConfiguration configuration, jakarta.inject.Provider<GrpcServer> grpcServer,
                                   DataSource dataSource, ResourceStore store, Clock clock) {
        this.registry = registry;
        this.parentLink = parentLink;
        this.self = self;
        this.configuration = configuration;
        this.grpcServer = grpcServer;
        this.dataSource = dataSource;
        this.store = store;
        this.clock = clock;
    }

    @Override
    public void registerNode(RegisterNodeRequest request, StreamObserver<RegisterNodeResponse> responses) {
        NodeDescriptor node = request.getNode();
        try {
            registry.register(new NodeRegistry.Registration(node.getNodeId(), ProtoMapping.level(node.getLevel()),
                    node.getDivisionCode(), ProtoMapping.emptyToNull(node.getParentNodeId()), node.getDisplayName(),
                    node.getGrpcTarget(), node.getHttpBaseUrl(), request.getRelayedViaNodeIdsList()));
        } catch (RegistrationRejectedException e) {
            responses.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
            return;
        } catch (SQLException e) {
            responses.onError(Status.UNAVAILABLE.withDescription("node store of " + self.id() + ": " + e.getMessage())
                    .asRuntimeException());
            return;
        }
        parentLink.relayRegistration(request);
        responses.onNext(RegisterNodeResponse.newBuilder().setAcceptedByNodeId(self.id())
                .setHeartbeatIntervalMillis(configuration.heartbeatInterval().toMillis()).build());
        responses.onCompleted();
    }

    @Override
    public void heartbeat(HeartbeatRequest request, StreamObserver<HeartbeatResponse> responses) {
        boolean known;
        try {
            known = registry.heartbeat(request.getNodeId(), request.getStoredResourceCount()).isPresent();
        } catch (SQLException e) {
            responses.onError(Status.UNAVAILABLE.withDescription("node store of " + self.id() + ": " + e.getMessage())
                    .asRuntimeException());
            return;
        }
        if (known) {
            parentLink.relayHeartbeat(request);
        }
        responses.onNext(HeartbeatResponse.newBuilder().setKnown(known).build());
        responses.onCompleted();
    }

    @Override
    public void getNodeTree(GetNodeTreeRequest request, StreamObserver<GetNodeTreeResponse> responses) {
        try {
            GetNodeTreeResponse.Builder tree = GetNodeTreeResponse.newBuilder()
                    .setAsOf(ProtoMapping.timestamp(clock.instant()))
                    .addNodes(NodeStatus.newBuilder().setNode(selfDescriptor())
                            .setLiveness(rhix.api.node.v1.NodeLiveness.NODE_LIVENESS_ALIVE)
                            .setStoredResourceCount(storedResourceCount()));
            for (NodeTreeEntry entry : registry.descendants()) {
                NodeStatus.Builder status = NodeStatus.newBuilder().setNode(ProtoMapping.descriptor(entry.node()))
                        .setLiveness(ProtoMapping.liveness(entry.liveness()))
                        .setRegisteredAt(ProtoMapping.timestamp(entry.node().registeredAt()))
                        .setStoredResourceCount(entry.node().storedResourceCount());
                if (entry.node().lastHeartbeatAt() != null) {
                    status.setLastHeartbeatAt(ProtoMapping.timestamp(entry.node().lastHeartbeatAt()));
                }
                tree.addNodes(status);
            }
            responses.onNext(tree.build());
            responses.onCompleted();
        } catch (SQLException e) {
            responses.onError(Status.UNAVAILABLE.withDescription("node store of " + self.id() + ": " + e.getMessage())
                    .asRuntimeException());
        }
    }

    private NodeDescriptor selfDescriptor() {
        return NodeDescriptor.newBuilder().setNodeId(self.id()).setLevel(ProtoMapping.level(self.level()))
                .setDivisionCode(self.divisionCode()).setParentNodeId(self.parentId() == null ? "" : self.parentId())
                .setDisplayName(self.nameForDisplay()).setGrpcTarget(grpcServer.get().advertisedTarget()).build();
    }

    private long storedResourceCount() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return store.countCurrent(connection);
        }
    }
}
