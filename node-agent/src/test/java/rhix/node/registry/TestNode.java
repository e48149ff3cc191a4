package rhix.node.registry;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import rhix.api.node.v1.GetNodeTreeRequest;
import rhix.api.node.v1.GetNodeTreeResponse;
import rhix.api.node.v1.NodeRegistryServiceGrpc;
import rhix.node.grpc.GrpcServer;
import rhix.testing.TestDatabase;

/**
 * One real node for a test: its own PostgreSQL store, its gRPC server on a free port, optionally its
 * HTTP server, and a channel to call it with. Closing stops the node and drops its database.
 */
final class TestNode implements AutoCloseable {

    /** Fast enough for tests to see heartbeats, slow enough not to flood the log. */
    static final Map<String, Object> FAST_HEARTBEATS = Map.of(
            "rhix.node.registry.heartbeat-interval", "200ms",
            "rhix.node.registry.late-after", "5s",
            "rhix.node.registry.call-deadline", "2s",
            "rhix.node.registry.max-registration-backoff", "400ms");

    private final TestDatabase database;
    private final ApplicationContext context;
    private final EmbeddedServer httpServer;
    private final ManagedChannel channel;

    private TestNode(TestDatabase database, ApplicationContext context, EmbeddedServer httpServer) {
        this.database = database;
        this.context = context;
        this.httpServer = httpServer;
        this.channel = ManagedChannelBuilder.forTarget(grpcTarget()).usePlaintext().build();
    }

    static Builder node(String id, String level, String division) {
        return new Builder(id, level, division);
    }

    ApplicationContext context() {
        return context;
    }

    TestDatabase database() {
        return database;
    }

    EmbeddedServer httpServer() {
        if (httpServer == null) {
            throw new IllegalStateException("started without an HTTP server");
        }
        return httpServer;
    }

    String grpcTarget() {
        return "127.0.0.1:" + context.getBean(GrpcServer.class).port();
    }

    /** A stub whose calls must answer within 5 s. */
    NodeRegistryServiceGrpc.NodeRegistryServiceBlockingStub registry() {
        return NodeRegistryServiceGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS);
    }

    GetNodeTreeResponse tree() {
        return registry().getNodeTree(GetNodeTreeRequest.getDefaultInstance());
    }

    @Override
    public void close() {
        channel.shutdownNow();
        try {
            if (context.isRunning()) {
                context.close();
            }
        } finally {
            database.close();
        }
    }

    static final class Builder {
        private final Map<String, Object> properties = new HashMap<>();
        private boolean withHttpServer;

        private Builder(String id, String level, String division) {
            properties.putAll(Map.of("rhix.node.id", id, "rhix.node.level", level, "rhix.node.division-code", division,
                    "rhix.node.grpc.port", 0, "micronaut.server.port", -1));
        }

        Builder parent(String parentId, String parentTarget) {
            properties.put("rhix.node.parent-id", parentId);
            properties.put("rhix.node.parent-target", parentTarget);
            return this;
        }

        Builder parent(String parentId, TestNode parent) {
            return parent(parentId, parent.grpcTarget());
        }

        Builder with(Map<String, Object> more) {
            properties.putAll(more);
            return this;
        }

        Builder with(String property, Object value) {
            properties.put(property, value);
            return this;
        }

        Builder withHttpServer() {
            withHttpServer = true;
            return this;
        }

        TestNode start() {
            TestDatabase database = TestDatabase.create("registry");
            properties.put("rhix.node.store.url", database.jdbcUrl());
            try {
                if (withHttpServer) {
                    EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties);
                    return new TestNode(database, server.getApplicationContext(), server);
                }
                return new TestNode(database, ApplicationContext.run(properties), null);
            } catch (RuntimeException e) {
                database.close();
                throw e;
            }
        }
    }
}
