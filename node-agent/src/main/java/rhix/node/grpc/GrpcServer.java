package rhix.node.grpc;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
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

/**
 * The node's gRPC server: serves every {@link BindableService} bean (registry today; query and
 * exchange services join by being beans), each call traced by the OpenTelemetry server interceptor.
 * Starts with the application context and drains calls in flight when it closes.
 */
@Singleton
public class GrpcServer implements ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(GrpcServer.class);

    private final GrpcConfiguration configuration;
    private final List<BindableService> services;
    private final GrpcTelemetry telemetry;
    private Server server;
    private boolean stopped;

    public GrpcServer(GrpcConfiguration configuration, List<BindableService> services, GrpcTelemetry telemetry) {
        this.configuration = configuration;
        this.services = List.copyOf(services);
        this.telemetry = telemetry;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        start();
    }

    /** Binds the port; idempotent, because whichever start-up listener needs the port first starts the server. */
    public synchronized void start() {
        if (stopped) {
            throw new IllegalStateException("the gRPC server has been shut down");
        }
        if (server != null) {
            return;
        }
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(configuration.port()))
                .intercept(telemetry.newServerInterceptor());
        services.forEach(builder::addService);
        try {
            server = builder.build().start();
        } catch (IOException e) {
            throw new UncheckedIOException("gRPC server could not listen on port " + configuration.port()
                    + " (rhix.node.grpc.port)", e);
        }
        LOG.info("gRPC on port {} serving {}", server.getPort(), serviceNames());
    }

    /** The port the server is bound to: the configured one, or the one picked when configured as 0. */
    public synchronized int port() {
        start();
        return server.getPort();
    }

    /** {@code host:port} other nodes use to reach this one. */
    public String advertisedTarget() {
        return configuration.advertisedHost() + ":" + port();
    }

    public List<String> serviceNames() {
        return services.stream().map(service -> service.bindService().getServiceDescriptor().getName()).sorted().toList();
    }

    @PreDestroy
    public synchronized void stop() throws InterruptedException {
        stopped = true;
        if (server == null) {
            return;
        }
        server.shutdown();
        if (!server.awaitTermination(configuration.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.warn("gRPC calls still running after {}: cancelling them", configuration.shutdownGrace());
            server.shutdownNow().awaitTermination(1, TimeUnit.SECONDS);
        }
        server = null;
    }
}
