package rhix.mpi.api.grpc;

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
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Serves {@code rhix.mpi.v1} to the nodes from start-up, every call traced; drains calls in flight on stop. */
@Singleton
public class MpiGrpcServer implements ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(MpiGrpcServer.class);

    private final MpiGrpcConfiguration configuration;
    private final MasterPatientIndexGrpcService service;
    private final GrpcTelemetry telemetry;
    private Server server;

    public MpiGrpcServer(MpiGrpcConfiguration configuration, MasterPatientIndexGrpcService service, GrpcTelemetry telemetry) {
        this.configuration = configuration;
        this.service = service;
        this.telemetry = telemetry;
    }

    @Override
    public synchronized void onApplicationEvent(StartupEvent event) {
        if (server != null) {
            return;
        }
        try {
            server = NettyServerBuilder.forAddress(new InetSocketAddress(configuration.port()))
                    .intercept(telemetry.newServerInterceptor())
                    .addService(service.withCaller())
                    .build().start();
        } catch (IOException e) {
            throw new UncheckedIOException("MPI gRPC server could not listen on port " + configuration.port()
                    + " (rhix.mpi.grpc.port)", e);
        }
        LOG.info("MPI gRPC (rhix.mpi.v1) on port {}", server.getPort());
    }

    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("the MPI gRPC server has not started");
        }
        return server.getPort();
    }

    @PreDestroy
    public synchronized void stop() throws InterruptedException {
        if (server == null) {
            return;
        }
        server.shutdown();
        if (!server.awaitTermination(configuration.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
            server.shutdownNow().awaitTermination(1, TimeUnit.SECONDS);
        }
        server = null;
    }
}
