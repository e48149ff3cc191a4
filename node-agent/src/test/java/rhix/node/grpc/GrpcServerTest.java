package rhix.node.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.BindableService;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import jakarta.inject.Singleton;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import rhix.node.telemetry.TelemetryFactory;

/** The node's gRPC server over real Netty on a free port, with a second service standing in for later ones. */
class GrpcServerTest {

    private static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();

    private static final MethodDescriptor.Marshaller<String> TEXT = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(String value) {
            return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String parse(InputStream stream) {
            try {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    private static final MethodDescriptor<String, String> PING = MethodDescriptor.<String, String>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName(MethodDescriptor.generateFullMethodName("rhix.test.v1.PingService", "Ping"))
            .setRequestMarshaller(TEXT).setResponseMarshaller(TEXT)
            .build();

    /** Answers "pong: <message>"; a message "slow" takes 500 ms, long enough to be in flight at shutdown. */
    @Singleton
    @Requires(property = "spec.name", value = "GrpcServerTest")
    static class PingService implements BindableService {
        @Override
        public ServerServiceDefinition bindService() {
            return ServerServiceDefinition.builder("rhix.test.v1.PingService")
                    .addMethod(PING, ServerCalls.asyncUnaryCall((message, responses) -> {
                        if (message.equals("slow")) {
                            try {
                                TimeUnit.MILLISECONDS.sleep(500);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                responses.onError(Status.CANCELLED.asRuntimeException());
                                return;
                            }
                        }
                        responses.onNext("pong: " + message);
                        responses.onCompleted();
                    }))
                    .build();
        }
    }

    @Factory
    @Requires(property = "spec.name", value = "GrpcServerTest")
    static class InMemoryTelemetry {
        @Singleton
        @Replaces(value = OpenTelemetrySdk.class, factory = TelemetryFactory.class)
        OpenTelemetrySdk openTelemetrySdk() {
            return OpenTelemetrySdk.builder()
                    .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(SPANS)).build())
                    .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                    .build();
        }
    }

    @BeforeEach
    void forgetSpans() {
        SPANS.reset();
    }

    @Test
    void servesEveryServiceBeanOnTheBoundPortAndTracesEachCall() throws InterruptedException {
        try (ApplicationContext context = startNode("county-330195")) {
            GrpcServer server = context.getBean(GrpcServer.class);
            ManagedChannel channel = context.getBean(GrpcChannels.class).open("127.0.0.1:" + server.port());
            try {
                String answer = ClientCalls.blockingUnaryCall(channel, PING,
                        CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS), "hello");

                assertThat(server.port()).isPositive();
                assertThat(server.serviceNames()).contains("rhix.node.v1.NodeRegistryService", "rhix.test.v1.PingService");
                assertThat(answer).isEqualTo("pong: hello");
            } finally {
                channel.shutdownNow().awaitTermination(2, TimeUnit.SECONDS);
            }
        }
        SpanData serverSpan = SPANS.getFinishedSpanItems().stream().filter(span -> span.getKind() == SpanKind.SERVER)
                .findFirst().orElseThrow(() -> new AssertionError("no server span in " + SPANS.getFinishedSpanItems()));
        SpanData clientSpan = SPANS.getFinishedSpanItems().stream().filter(span -> span.getKind() == SpanKind.CLIENT)
                .findFirst().orElseThrow(() -> new AssertionError("no client span in " + SPANS.getFinishedSpanItems()));
        assertThat(serverSpan.getName()).isEqualTo("rhix.test.v1.PingService/Ping");
        // The channel's interceptor carried the caller's trace into the server.
        assertThat(serverSpan.getTraceId()).isEqualTo(clientSpan.getTraceId());
        assertThat(serverSpan.getParentSpanId()).isEqualTo(clientSpan.getSpanId());
    }

    @Test
    void closingTheNodeLetsCallsInFlightFinishAndThenStopsListening() throws Exception {
        ApplicationContext context = startNode("county-330194");
        String target = "127.0.0.1:" + context.getBean(GrpcServer.class).port();
        ManagedChannel channel = context.getBean(GrpcChannels.class).open(target);
        try {
            CompletableFuture<String> slow = CompletableFuture.supplyAsync(() -> ClientCalls.blockingUnaryCall(channel, PING,
                    CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS), "slow"));
            TimeUnit.MILLISECONDS.sleep(150);

            context.close();

            assertThat(slow.get(5, TimeUnit.SECONDS)).isEqualTo("pong: slow");
            assertThatThrownBy(() -> ClientCalls.blockingUnaryCall(channel, PING,
                    CallOptions.DEFAULT.withDeadlineAfter(2, TimeUnit.SECONDS), "anyone?"))
                    .isInstanceOfSatisfying(StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
        } finally {
            channel.shutdownNow().awaitTermination(2, TimeUnit.SECONDS);
            if (context.isRunning()) {
                context.close();
            }
        }
    }

    private static ApplicationContext startNode(String nodeId) {
        // No store URL: the embedded store (one per node id) is enough for the registry service this server also carries.
        return ApplicationContext.run(Map.of("spec.name", "GrpcServerTest", "rhix.node.id", nodeId,
                "rhix.node.grpc.port", 0, "micronaut.server.port", -1));
    }
}
