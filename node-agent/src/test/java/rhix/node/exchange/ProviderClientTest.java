package rhix.node.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static rhix.node.exchange.ExchangeFixtures.LAB;
import static rhix.node.exchange.ExchangeFixtures.coding;
import static rhix.node.exchange.ExchangeFixtures.ingest;
import static rhix.node.exchange.ExchangeFixtures.observation;
import static rhix.node.exchange.ExchangeFixtures.patient;
import static rhix.node.exchange.ExchangeFixtures.request;

import com.zaxxer.hikari.HikariDataSource;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import rhix.api.exchange.v1.FetchResultsRequest;
import rhix.api.exchange.v1.FetchResultsResponse;
import rhix.api.exchange.v1.OfferedResult;
import rhix.api.exchange.v1.ResultExchangeServiceGrpc;
import rhix.testing.TestDatabase;

/**
 * The requesting side: {@link ProviderClient} of a real node, calling a real provider (in-process, on PostgreSQL),
 * a provider that is down, one at a port nobody listens on, one too slow to answer, and one whose store failed.
 * Deadlines and backoffs are short so that the bounds on time can be asserted.
 */
class ProviderClientTest {

    /** 300 ms per attempt, 2 retries after 50 ms and 100 ms. */
    private static final Map<String, Object> FAST_CLIENT = Map.of(
            "rhix.node.exchange.client.call-deadline", "300ms",
            "rhix.node.exchange.client.max-retries", 2,
            "rhix.node.exchange.client.initial-backoff", "50ms",
            "rhix.node.exchange.client.max-backoff", "100ms");
    private static final FetchResultsRequest GLUCOSE = request(List.of("c-p1"), coding(LAB, "GLU")).build();

    private static TestDatabase database;
    private static ApplicationContext node;
    private static ProviderClient client;
    private final List<Server> servers = new CopyOnWriteArrayList<>();
    private final List<ManagedChannel> channels = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startNode() {
        database = TestDatabase.create("provider_client");
        node = ExchangeFixtures.providerNode("county-330103", database, FAST_CLIENT);
        ingest(node, patient("c-p1"), observation("c-o1", "c-p1", "GLU", "2026-11-02T08:00:00+08:00"));
        client = node.getBean(ProviderClient.class);
        warmUp();
    }

    /**
     * One call with a generous deadline first: loading the classes of the first call can take longer than the
     * 300 ms these tests give an attempt, and tests that count attempts must not count that.
     */
    private static void warmUp() {
        String name = InProcessServerBuilder.generateName();
        Server server = null;
        ManagedChannel channel = InProcessChannelBuilder.forName(name).build();
        try {
            server = InProcessServerBuilder.forName(name).addService(node.getBean(ResultExchangeGrpcService.class)).build().start();
            ResultExchangeServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS).fetchResults(GLUCOSE);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            channel.shutdownNow();
            if (server != null) {
                server.shutdownNow();
            }
        }
    }

    @AfterAll
    static void stopNode() {
        node.close();
        database.close();
    }

    @AfterEach
    void closeServersAndChannels() throws InterruptedException {
        for (ManagedChannel channel : channels) {
            channel.shutdownNow().awaitTermination(2, TimeUnit.SECONDS);
        }
        for (Server server : servers) {
            server.shutdownNow().awaitTermination(2, TimeUnit.SECONDS);
        }
    }

    @Test
    void aProviderThatAnswersReleasesItsResultsAtTheFirstAttempt() throws IOException {
        ManagedChannel channel = inProcess(node.getBean(ResultExchangeGrpcService.class));

        ProviderAnswer answer = client.fetch("county-330103", channel, GLUCOSE);

        assertThat(answer).isInstanceOfSatisfying(ProviderAnswer.Released.class, released -> {
            assertThat(released.nodeId()).isEqualTo("county-330103");
            assertThat(released.results()).extracting(OfferedResult::getResourceId).containsExactly("c-o1");
            assertThat(released.attempts()).isEqualTo(1);
        });
    }

    @Test
    void aRefusalIsNotRetried() throws IOException {
        ManagedChannel channel = inProcess(node.getBean(ResultExchangeGrpcService.class));

        ProviderAnswer answer = client.fetch("county-330103", channel, GLUCOSE.toBuilder().setPurposeOfUse("RESEARCH").build());

        assertThat(answer).isInstanceOfSatisfying(ProviderAnswer.Failed.class, failed -> {
            assertThat(failed.code()).isEqualTo(Status.Code.PERMISSION_DENIED);
            assertThat(failed.message()).contains("only TREAT");
            assertThat(failed.attempts()).isEqualTo(1);
            assertThat(failed.retryable()).isFalse();
        });
    }

    @Test
    void aProviderThatIsDownFailsUnavailableAfterTheConfiguredRetriesWithoutThrowing() throws IOException, InterruptedException {
        CountingSlowProvider provider = new CountingSlowProvider();
        ManagedChannel channel = inProcess(provider);
        servers.getLast().shutdownNow().awaitTermination(2, TimeUnit.SECONDS);

        long start = System.nanoTime();
        ProviderAnswer answer = client.fetch("county-330104", channel, GLUCOSE);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(answer).isInstanceOfSatisfying(ProviderAnswer.Failed.class, failed -> {
            assertThat(failed.nodeId()).isEqualTo("county-330104");
            assertThat(failed.code()).isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(failed.attempts()).isEqualTo(3);
            assertThat(failed.retryable()).isTrue();
        });
        assertThat(provider.calls.get()).isZero();
        // Two backoffs (50 ms, 100 ms) and three refused connections.
        assertThat(took).isBetween(Duration.ofMillis(150), Duration.ofSeconds(2));
    }

    @Test
    void aProviderAtAPortNobodyListensOnFailsUnavailableAfterTheConfiguredRetries() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        long start = System.nanoTime();
        ProviderAnswer answer = client.fetch("county-330105", "127.0.0.1:" + closedPort, GLUCOSE);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(answer).isInstanceOfSatisfying(ProviderAnswer.Failed.class, failed -> {
            assertThat(failed.code()).isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(failed.attempts()).isEqualTo(3);
            assertThat(failed.message()).isNotBlank();
        });
        assertThat(took).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void aSlowProviderFailsDeadlineExceededOnceEveryAttemptTimedOut() throws IOException {
        CountingSlowProvider provider = new CountingSlowProvider();
        ManagedChannel channel = inProcess(provider);

        long start = System.nanoTime();
        ProviderAnswer answer = client.fetch("county-330107", channel, GLUCOSE);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(answer).isInstanceOfSatisfying(ProviderAnswer.Failed.class, failed -> {
            assertThat(failed.code()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
            assertThat(failed.attempts()).isEqualTo(3);
        });
        assertThat(provider.calls.get()).isEqualTo(3);
        // Three deadlines of 300 ms and two backoffs, and not much more.
        assertThat(took).isBetween(Duration.ofMillis(900 + 150), Duration.ofMillis(900 + 150 + 1_500));
    }

    @Test
    void aProviderWhoseStoreFailedAnswersUnavailableAndIsRetried() throws IOException {
        TestDatabase brokenDatabase = TestDatabase.create("provider_client_down");
        try (ApplicationContext broken = ExchangeFixtures.providerNode("county-330108", brokenDatabase, FAST_CLIENT)) {
            ManagedChannel channel = inProcess(broken.getBean(ResultExchangeGrpcService.class));
            broken.getBean(HikariDataSource.class).close();

            ProviderAnswer answer = client.fetch("county-330108", channel, GLUCOSE);

            assertThat(answer).isInstanceOfSatisfying(ProviderAnswer.Failed.class, failed -> {
                assertThat(failed.code()).isEqualTo(Status.Code.UNAVAILABLE);
                assertThat(failed.message()).contains("county-330108", "store is unavailable");
                assertThat(failed.attempts()).isEqualTo(3);
            });
        } finally {
            brokenDatabase.close();
        }
    }

    @Test
    void theDefaultsAreTheDocumentedValues() {
        ProviderClientConfiguration defaults = new ProviderClientConfiguration(Duration.ofSeconds(2), 2,
                Duration.ofMillis(100), Duration.ofSeconds(1));
        // A node with nothing of the exchange configured (the test environment sets no rhix.node.exchange key).
        try (ApplicationContext plain = ApplicationContext.run(Map.of("rhix.node.id", "county-330109"))) {
            assertThat(plain.getBean(ProviderClientConfiguration.class)).isEqualTo(defaults);
            assertThat(plain.getBean(ExchangeProviderConfiguration.class))
                    .isEqualTo(new ExchangeProviderConfiguration(100, 1000, 100, 100, 200));
        }
        assertThat(node.getBean(ProviderClientConfiguration.class)).isEqualTo(new ProviderClientConfiguration(
                Duration.ofMillis(300), 2, Duration.ofMillis(50), Duration.ofMillis(100)));
        assertThat(defaults.backoffBefore(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(defaults.backoffBefore(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(defaults.backoffBefore(5)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void theNodeServesTheResultExchangeOnItsGrpcServer() {
        assertThat(node.getBean(rhix.node.grpc.GrpcServer.class).serviceNames()).contains("rhix.exchange.v1.ResultExchangeService");
    }

    private ManagedChannel inProcess(io.grpc.BindableService service) throws IOException {
        String name = InProcessServerBuilder.generateName();
        servers.add(InProcessServerBuilder.forName(name).addService(service).build().start());
        ManagedChannel channel = InProcessChannelBuilder.forName(name).build();
        channels.add(channel);
        return channel;
    }

    /** A provider that takes every call and never answers it; counts the calls. */
    private static final class CountingSlowProvider extends ResultExchangeServiceGrpc.ResultExchangeServiceImplBase {
        private final AtomicInteger calls = new AtomicInteger();

        @Override
        public void fetchResults(FetchResultsRequest request, StreamObserver<FetchResultsResponse> responses) {
            calls.incrementAndGet();
        }
    }
}
