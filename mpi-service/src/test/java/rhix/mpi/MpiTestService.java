package rhix.mpi;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.HashMap;
import java.util.Map;
import rhix.api.mpi.v1.MasterPatientIndexServiceGrpc;
import rhix.mpi.api.grpc.CallerInterceptor;
import rhix.mpi.api.grpc.MpiGrpcServer;
import rhix.testing.TestDatabase;

/**
 * A running MPI on a fresh PostgreSQL database (HTTP and gRPC on free ports), with a gRPC stub that calls it
 * as a node would.
 */
public final class MpiTestService implements AutoCloseable {

    private final TestDatabase database;
    private final ApplicationContext context;
    private final ManagedChannel channel;

    private MpiTestService(TestDatabase database, ApplicationContext context) {
        this.database = database;
        this.context = context;
        this.channel = NettyChannelBuilder.forAddress("127.0.0.1", context.getBean(MpiGrpcServer.class).port())
                .usePlaintext().build();
    }

    public static MpiTestService start(String purpose) {
        return start(purpose, Map.of());
    }

    public static MpiTestService start(String purpose, Map<String, Object> extra) {
        TestDatabase database = TestDatabase.create(purpose);
        Map<String, Object> properties = new HashMap<>();
        properties.put("rhix.mpi.store.url", database.jdbcUrl());
        properties.put("rhix.mpi.store.username", database.user());
        properties.put("rhix.mpi.grpc.port", 0);
        properties.put("micronaut.server.port", -1);
        properties.putAll(extra);
        try {
            return new MpiTestService(database, ApplicationContext.run(EmbeddedServer.class, properties, "test").getApplicationContext());
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    public ApplicationContext context() {
        return context;
    }

    public TestDatabase database() {
        return database;
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** A blocking stub that says it is {@code node}. */
    public MasterPatientIndexServiceGrpc.MasterPatientIndexServiceBlockingStub stub(String node) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of(CallerInterceptor.HEADER, Metadata.ASCII_STRING_MARSHALLER), node);
        return MasterPatientIndexServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    @Override
    public void close() {
        channel.shutdownNow();
        context.close();
        database.close();
    }
}
