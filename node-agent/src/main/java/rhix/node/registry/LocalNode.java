package rhix.node.registry;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import javax.sql.DataSource;
import rhix.node.NodeConfiguration;
import rhix.node.grpc.GrpcConfiguration;
import rhix.node.grpc.GrpcServer;
import rhix.node.store.ResourceStore;
import rhix.region.NodeId;

/**
 * This node as it describes itself to its parent and heads its own tree: identity from
 * {@code rhix.node.*}, reachability from the bound gRPC and HTTP ports, and what its store holds.
 */
@Singleton
public class LocalNode implements ApplicationEventListener<ServerStartupEvent> {

    private final NodeConfiguration self;
    private final GrpcConfiguration grpc;
    // A provider: the gRPC server needs the registry service, which needs this, to be built first.
    private final Provider<GrpcServer> grpcServer;
    private final DataSource dataSource;
    private final ResourceStore store;
    private final Instant startedAt;
    private volatile String httpBaseUrl;

    public LocalNode(NodeConfiguration self, GrpcConfiguration grpc, Provider<GrpcServer> grpcServer, DataSource dataSource,
                     ResourceStore store, Clock clock, @Value("${micronaut.server.port:8080}") int configuredHttpPort) {
        this.self = self;
        this.grpc = grpc;
        this.grpcServer = grpcServer;
        this.dataSource = dataSource;
        this.store = store;
        this.startedAt = clock.instant();
        // A random HTTP port (-1) is known only once the server has bound it: see onApplicationEvent.
        this.httpBaseUrl = self.publicHttpUrl() != null && !self.publicHttpUrl().isBlank() ? self.publicHttpUrl()
                : configuredHttpPort > 0 ? httpUrl(configuredHttpPort) : "";
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        if (self.publicHttpUrl() == null || self.publicHttpUrl().isBlank()) {
            httpBaseUrl = httpUrl(event.getSource().getPort());
        }
    }

    public NodeDescription description() {
        return new NodeDescription(self.nodeId(), self.level(), self.division(),
                self.parentId() == null || self.parentId().isBlank() ? null : NodeId.of(self.parentId()),
                self.nameForDisplay(), grpcServer.get().advertisedTarget(), httpBaseUrl);
    }

    /** When this node started: its "registered at" in its own tree. */
    public Instant startedAt() {
        return startedAt;
    }

    /** Resources currently stored (deleted ones excluded), the figure a parent shows for this node. */
    public long storedResourceCount() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return store.countCurrent(connection);
        }
    }

    private String httpUrl(int port) {
        return "http://" + grpc.advertisedHost() + ":" + port;
    }
}
