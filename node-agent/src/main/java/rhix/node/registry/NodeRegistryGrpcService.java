package rhix.node.registry;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rhix.api.node.v1.GetNodeTreeRequest;
import rhix.api.node.v1.GetNodeTreeResponse;
import rhix.api.node.v1.HeartbeatRequest;
import rhix.api.node.v1.HeartbeatResponse;
import rhix.api.node.v1.NodeRegistryServiceGrpc;
import rhix.api.node.v1.RegisterNodeRequest;
import rhix.api.node.v1.RegisterNodeResponse;
import rhix.node.NodeConfiguration;

/**
 * {@code rhix.node.v1.NodeRegistryService}: the gRPC face of {@link NodeRegistry}. Accepted
 * registrations and heartbeats are passed up through {@link ParentLink} without waiting for the parent.
 * Broken rules answer {@code INVALID_ARGUMENT} naming the field; a failing store {@code UNAVAILABLE}.
 */
@Singleton
public class NodeRegistryGrpcService extends NodeRegistryServiceGrpc.NodeRegistryServiceImplBase {

    private static final Logger LOG = LoggerFactory.getLogger(NodeRegistryGrpcService.class);

    private final NodeRegistry registry;
    private final ParentLink parentLink;
    private final NodeConfiguration self;
    private final RegistryConfiguration configuration;

    public NodeRegistryGrpcService(NodeRegistry registry, ParentLink parentLink, NodeConfiguration self,
                                   RegistryConfiguration configuration) {
        this.registry = registry;
        this.parentLink = parentLink;
        this.self = self;
        this.configuration = configuration;
    }

    @Override
    public void registerNode(RegisterNodeRequest request, StreamObserver<RegisterNodeResponse> responses) {
        try {
            RegisteredNode node = registry.register(ProtoMapping.registration(request));
            LOG.debug("{} registered {} (relayed via {})", self.id(), node.description().nodeId(),
                    request.getRelayedViaNodeIdsList());
        } catch (RegistryRequestRejectedException e) {
            LOG.info("{} refused the registration of '{}': {}", self.id(), request.getNode().getNodeId(), e.getMessage());
            responses.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
            return;
        } catch (SQLException | RuntimeException e) {
            responses.onError(storeFailure("register " + request.getNode().getNodeId(), e));
            return;
        }
        parentLink.relayRegistration(request);
        responses.onNext(RegisterNodeResponse.newBuilder()
                .setAcceptedByNodeId(self.id())
                .setHeartbeatIntervalMillis(configuration.heartbeatInterval().toMillis())
                .build());
        responses.onCompleted();
    }

    @Override
    public void heartbeat(HeartbeatRequest request, StreamObserver<HeartbeatResponse> responses) {
        boolean known;
        try {
            known = registry.heartbeat(request.getNodeId(), request.getRelayedViaNodeIdsList(),
                    request.getStoredResourceCount());
        } catch (RegistryRequestRejectedException e) {
            responses.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
            return;
        } catch (SQLException | RuntimeException e) {
            responses.onError(storeFailure("record the heartbeat of " + request.getNodeId(), e));
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
        NodeTree tree;
        try {
            tree = registry.tree();
        } catch (SQLException | RuntimeException e) {
            responses.onError(storeFailure("read the node tree", e));
            return;
        }
        GetNodeTreeResponse.Builder response = GetNodeTreeResponse.newBuilder()
                .setAsOf(ProtoMapping.timestamp(tree.asOf()))
                .addNodes(ProtoMapping.status(tree.self()));
        tree.descendants().forEach(entry -> response.addNodes(ProtoMapping.status(entry)));
        responses.onNext(response.build());
        responses.onCompleted();
    }

    /** The store is this node's, so the caller may retry; the details stay in this node's log. */
    private RuntimeException storeFailure(String action, Exception e) {
        LOG.warn("{} could not {}", self.id(), action, e);
        Status status = e instanceof SQLException ? Status.UNAVAILABLE : Status.INTERNAL;
        return status.withDescription("node " + self.id() + " could not " + action + ": " + e.getClass().getSimpleName())
                .asRuntimeException();
    }
}
