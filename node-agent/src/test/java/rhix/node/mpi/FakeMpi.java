package rhix.node.mpi;

import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import rhix.api.mpi.v1.LinkOutcome;
import rhix.api.mpi.v1.LocateRecordsRequest;
import rhix.api.mpi.v1.LocateRecordsResponse;
import rhix.api.mpi.v1.LocatedRecord;
import rhix.api.mpi.v1.LocalIdentity;
import rhix.api.mpi.v1.LocalRecordKey;
import rhix.api.mpi.v1.MasterPatientIndexServiceGrpc;
import rhix.api.mpi.v1.RegisterIdentitiesRequest;
import rhix.api.mpi.v1.RegisterIdentitiesResponse;
import rhix.api.mpi.v1.RegisteredIdentity;
import rhix.api.mpi.v1.RetractIdentitiesRequest;
import rhix.api.mpi.v1.RetractIdentitiesResponse;

/**
 * The MPI as a node sees it over the network: a real gRPC server on a free port that accepts what it is
 * sent, gives each local record an enterprise id of its own making, and can be stopped, restarted on the
 * same port, told to answer UNAVAILABLE, or told to refuse a record the way the contract describes.
 */
public final class FakeMpi extends MasterPatientIndexServiceGrpc.MasterPatientIndexServiceImplBase implements AutoCloseable {

    private final List<LocalIdentity> registered = new CopyOnWriteArrayList<>();
    private final List<LocalRecordKey> retracted = new CopyOnWriteArrayList<>();
    private final Map<String, String> enterpriseIds = new ConcurrentHashMap<>();
    private final Map<String, String> refusals = new ConcurrentHashMap<>();
    private volatile boolean unavailable;
    private int port;
    private Server server;

    public static FakeMpi start() {
        FakeMpi mpi = new FakeMpi();
        mpi.listen(0);
        return mpi;
    }

    public String target() {
        return "127.0.0.1:" + port;
    }

    /** Stops listening: callers see the connection refused, as when the MPI's process is down. */
    public synchronized void stop() throws InterruptedException {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    public synchronized void restart() {
        listen(port);
    }

    /** The server runs, but answers UNAVAILABLE (an MPI starting up or behind a proxy that lost it). */
    public void answerUnavailable(boolean unavailable) {
        this.unavailable = unavailable;
    }

    /** Refuses, with INVALID_ARGUMENT, every request that carries this local record. */
    void refuse(String localId, String reason) {
        refusals.put(localId, reason);
    }

    List<LocalIdentity> registrationsOf(String localId) {
        return registered.stream().filter(identity -> identity.getLocalId().equals(localId)).toList();
    }

    List<LocalRecordKey> retractionsOf(String localId) {
        return retracted.stream().filter(key -> key.getLocalId().equals(localId)).toList();
    }

    List<LocalIdentity> registrationsFrom(String nodeId) {
        return registered.stream().filter(identity -> identity.getNodeId().equals(nodeId)).toList();
    }

    public String enterpriseIdOf(String localId) {
        return enterpriseIds.get(localId);
    }

    @Override
    public void registerIdentities(RegisterIdentitiesRequest request, StreamObserver<RegisterIdentitiesResponse> responses) {
        if (unavailable) {
            responses.onError(Status.UNAVAILABLE.withDescription("the MPI is starting").asRuntimeException());
            return;
        }
        for (int i = 0; i < request.getIdentitiesCount(); i++) {
            String reason = refusals.get(request.getIdentities(i).getLocalId());
            if (reason != null) {
                responses.onError(Status.INVALID_ARGUMENT.withDescription("identities[" + i + "]." + reason).asRuntimeException());
                return;
            }
        }
        RegisterIdentitiesResponse.Builder response = RegisterIdentitiesResponse.newBuilder();
        for (LocalIdentity identity : request.getIdentitiesList()) {
            registered.add(identity);
            String enterpriseId = enterpriseIds.computeIfAbsent(identity.getLocalId(),
                    id -> "EID-" + UUID.randomUUID().toString().substring(0, 13));
            response.addIdentities(RegisteredIdentity.newBuilder().setNodeId(identity.getNodeId())
                    .setLocalId(identity.getLocalId()).setEnterpriseId(enterpriseId)
                    .setOutcome(LinkOutcome.LINK_OUTCOME_NEW_IDENTITY));
        }
        responses.onNext(response.build());
        responses.onCompleted();
    }

    /** Links the local record {@code localId} (on whichever node registers it) to {@code enterpriseId}, as matching would. */
    public void link(String localId, String enterpriseId) {
        enterpriseIds.put(localId, enterpriseId);
    }

    /** Every registered record linked to the enterprise id, or to the local record's; NOT_FOUND for an unknown person. */
    @Override
    public void locateRecords(LocateRecordsRequest request, StreamObserver<LocateRecordsResponse> responses) {
        if (unavailable) {
            responses.onError(Status.UNAVAILABLE.withDescription("the MPI is starting").asRuntimeException());
            return;
        }
        String enterpriseId = request.hasLocalRecord() ? enterpriseIds.get(request.getLocalRecord().getLocalId())
                : request.getEnterpriseId();
        LocateRecordsResponse.Builder response = LocateRecordsResponse.newBuilder().setEnterpriseId(String.valueOf(enterpriseId));
        registered.stream().filter(identity -> enterpriseIds.containsKey(identity.getLocalId())
                        && enterpriseIds.get(identity.getLocalId()).equals(enterpriseId))
                .map(identity -> identity.getNodeId() + "/" + identity.getLocalId()).distinct()
                .forEach(key -> response.addRecords(LocatedRecord.newBuilder().setNodeId(key.substring(0, key.indexOf('/')))
                        .setLocalId(key.substring(key.indexOf('/') + 1))));
        if (enterpriseId == null || response.getRecordsCount() == 0) {
            responses.onError(Status.NOT_FOUND.withDescription("no enterprise identity for " + request).asRuntimeException());
            return;
        }
        responses.onNext(response.build());
        responses.onCompleted();
    }

    @Override
    public void retractIdentities(RetractIdentitiesRequest request, StreamObserver<RetractIdentitiesResponse> responses) {
        if (unavailable) {
            responses.onError(Status.UNAVAILABLE.withDescription("the MPI is starting").asRuntimeException());
            return;
        }
        retracted.addAll(request.getRecordsList());
        responses.onNext(RetractIdentitiesResponse.newBuilder().setRetracted(request.getRecordsCount()).build());
        responses.onCompleted();
    }

    private void listen(int requestedPort) {
        try {
            // Reusing the address lets a restart bind the port its closed connections still linger on.
            server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", requestedPort))
                    .withOption(ChannelOption.SO_REUSEADDR, true)
                    .addService(this).build().start();
        } catch (IOException e) {
            throw new UncheckedIOException("fake MPI could not listen on port " + requestedPort, e);
        }
        port = server.getPort();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
