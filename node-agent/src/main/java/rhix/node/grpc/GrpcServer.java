package rhix.node.grpc;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.grpc.v1_6.GrpcTelemetry;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Serves every {@link BindableService} bean of the node over gRPC, traced with OpenTelemetry. */
@Singleton
public class GrpcServer implements ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(GrpcServer.class);

    private final GrpcConfiguration configuration;
    private final List<BindableService> services;
    private final OpenTelemetry openTelemetry;
    private volatile Server server;

    public GrpcServer(GrpcConfiguration configuration, List<BindableService> services, OpenTelemetry openTelemetry) {
        this.configuration = configuration;
        this.services = services;
        this.openTelemetry = openTelemetry;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        start();
    }

    public synchronized void start() {
        if (server != null) {
            return;
        }
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(configuration.port()))
                .intercept(GrpcTelemetry.create(openTelemetry).newServerInterceptor());
        services.forEach(builder::addService);
        try {
            server = builder.build().start();
        } catch (IOException e) {
            throw new UncheckedIOException("gRPC server could not listen on port " + configuration.port(), e);
        }
        LOG.info("gRPC on port {} serving {}", server.getPort(),
                services.stream().map(service -> service.bindService().getServiceDescriptor().getName()).toList());
    }

    /** The bound port (useful when configured as 0). */
    public int port() {
        if (server == null) {
            start();
        }
        return server.getPort();
    }

    /** host:port other nodes use to reach this one. */
    public String advertisedTarget() {
        return configuration.advertisedHost() + ":" + port();
    }

    @PreDestroy
    public synchronized void stop() throws InterruptedException {
        if (server != null) {
            server.shutdown();
            if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
                server.shutdownNow();
            }
            server = null;
        }
    }
}
