package rhix.node.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import rhix.api.node.v1.GetNodeTreeRequest;
import rhix.api.node.v1.GetNodeTreeResponse;
import rhix.api.node.v1.HeartbeatRequest;
import rhix.api.node.v1.NodeDescriptor;
import rhix.api.node.v1.NodeLevel;
import rhix.api.node.v1.NodeLiveness;
import rhix.api.node.v1.NodeRegistryServiceGrpc;
import rhix.api.node.v1.NodeStatus;
import rhix.api.node.v1.RegisterNodeRequest;
import rhix.node.grpc.GrpcServer;
import rhix.node.store.TestDatabase;

/** Three real nodes (province ← city ← county), each with its own PostgreSQL store, over real gRPC. */
class NodeTreeTest {

    private static final List<TestDatabase> DATABASES = new java.util.ArrayList<>();
    private static ApplicationContext province;
    private static ApplicationContext city;
    private static ApplicationContext county;
    private static ManagedChannel channel;
    private static NodeRegistryServiceGrpc.NodeRegistryServiceBlockingStub provinceStub;

    @BeforeAll
    static void startTree() throws Exception {
        province = start("province-330000", "PROVINCE", "330000", null, null);
        city = start("city-330100", "CITY", "330100", "province-330000", province);
        county = start("county-330127", "COUNTY", "330127", "city-330100", city);
        channel = ManagedChannelBuilder.forTarget("127.0.0.1:" + province.getBean(GrpcServer.class).port()).usePlaintext().build();
        provinceStub = NodeRegistryServiceGrpc.newBlockingStub(channel);
    }

    @AfterAll
    static void stopTree() throws InterruptedException {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(2, TimeUnit.SECONDS);
        }
        for (ApplicationContext context : new ApplicationContext[] {county, city, province}) {
            if (context != null && context.isRunning()) {
                context.close();
            }
        }
        DATABASES.forEach(TestDatabase::close);
    }

    @Test
    void theProvinceKnowsTheWholeTreeAndTheCityItsSubtree() throws Exception {
        GetNodeTreeResponse tree = awaitTree(provinceStub, t -> status(t, "county-330127") != null
                && status(t, "county-330127").getLiveness() == NodeLiveness.NODE_LIVENESS_ALIVE);

        assertThat(tree.getNodes(0).getNode().getNodeId()).isEqualTo("province-330000");
        assertThat(status(tree, "city-330100").getNode().getParentNodeId()).isEqualTo("province-330000");
        assertThat(status(tree, "city-330100").getNode().getLevel()).isEqualTo(NodeLevel.NODE_LEVEL_CITY);
        assertThat(status(tree, "county-330127").getNode().getParentNodeId()).isEqualTo("city-330100");
        assertThat(status(tree, "county-330127").getNode().getDivisionCode()).isEqualTo("330127");
        // Ordered by level, then id; the Ningbo branch started by another test may be there too.
        assertThat(tree.getNodesList()).extracting(s -> s.getNode().getNodeId())
                .containsSubsequence("province-330000", "city-330100", "county-330127");

        try (var cityChannel = new Closeable(city)) {
            GetNodeTreeResponse cityTree = cityChannel.stub().getNodeTree(GetNodeTreeRequest.getDefaultInstance());
            assertThat(cityTree.getNodesList()).extracting(s -> s.getNode().getNodeId())
                    .containsExactly("city-330100", "county-330127");
        }
    }

    @Test
    void aSilentNodeIsReportedLateWhileTheOthersStayAlive() throws Exception {
        awaitTree(provinceStub, t -> status(t, "county-330225") != null);
        ApplicationContext silent = county2;
        silent.close();

        GetNodeTreeResponse tree = awaitTree(provinceStub,
                t -> status(t, "county-330225").getLiveness() == NodeLiveness.NODE_LIVENESS_LATE);

        assertThat(status(tree, "county-330225").getLiveness()).isEqualTo(NodeLiveness.NODE_LIVENESS_LATE);
        assertThat(status(tree, "city-330100").getLiveness()).isEqualTo(NodeLiveness.NODE_LIVENESS_ALIVE);
        assertThat(province.getBean(NodeTreeController.class).tree().late()).containsExactly("county-330225");
    }

    @Test
    void invalidRegistrationsAreRefusedWithTheRuleTheyBreakAndStoreNothing() throws Exception {
        int before = province.getBean(NodeRegistry.class).descendants().size();

        assertInvalid(register("city-320100", NodeLevel.NODE_LEVEL_CITY, "320100", "province-330000"),
                "lies outside this node's division 330000");
        assertInvalid(register("city-330300", NodeLevel.NODE_LEVEL_PROVINCE, "330300", "province-330000"),
                "cannot sit below this PROVINCE node");
        assertInvalid(register("City_330300", NodeLevel.NODE_LEVEL_CITY, "330300", "province-330000"), "is not a node id");
        assertInvalid(register("city-330300", NodeLevel.NODE_LEVEL_CITY, "330300", "province-999999"),
                "should be province-330000");
        assertInvalid(register("city-330300", NodeLevel.NODE_LEVEL_UNSPECIFIED, "330300", "province-330000"), "unspecified");
        assertInvalid(RegisterNodeRequest.newBuilder().setNode(register("county-330302", NodeLevel.NODE_LEVEL_COUNTY,
                "330302", "city-330300").getNode()).addRelayedViaNodeIds("city-330300").addRelayedViaNodeIds("province-330000")
                .build(), "loop");

        assertThat(province.getBean(NodeRegistry.class).descendants()).hasSize(before);
    }

    @Test
    void aHeartbeatFromAnUnknownNodeAsksItToRegister() {
        assertThat(provinceStub.heartbeat(HeartbeatRequest.newBuilder().setNodeId("county-339999").build()).getKnown()).isFalse();
    }

    @Test
    void theRegistryDefaultsAreDocumentedValues() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("rhix.node.grpc.port", 0))) {
            RegistryConfiguration defaults = context.getBean(RegistryConfiguration.class);
            assertThat(defaults.heartbeatInterval()).isEqualTo(Duration.ofSeconds(5));
            assertThat(defaults.lateAfter()).isEqualTo(Duration.ofSeconds(15));
            assertThat(defaults.callDeadline()).isEqualTo(Duration.ofSeconds(3));
        }
    }

    private static ApplicationContext county2;

    @BeforeAll
    static void startSecondCounty() throws Exception {
        ApplicationContext ningbo = start("city-330200", "CITY", "330200", "province-330000", province);
        county2 = start("county-330225", "COUNTY", "330225", "city-330200", ningbo);
        extra.add(ningbo);
    }

    private static final List<ApplicationContext> extra = new java.util.ArrayList<>();

    @AfterAll
    static void stopExtra() {
        extra.forEach(context -> {
            if (context.isRunning()) {
                context.close();
            }
        });
    }

    private static ApplicationContext start(String id, String level, String division, String parentId,
                                            ApplicationContext parent) {
        TestDatabase database = TestDatabase.create("tree");
        DATABASES.add(database);
        Map<String, Object> properties = new HashMap<>(Map.of(
                "rhix.node.id", id, "rhix.node.level", level, "rhix.node.division-code", division,
                "rhix.node.store.url", database.jdbcUrl(), "rhix.node.grpc.port", 0,
                "rhix.node.registry.heartbeat-interval", "200ms", "rhix.node.registry.late-after", "1500ms",
                "rhix.node.registry.call-deadline", "1s"));
        if (parent != null) {
            properties.put("rhix.node.parent-id", parentId);
            properties.put("rhix.node.parent-target", "127.0.0.1:" + parent.getBean(GrpcServer.class).port());
        }
        return ApplicationContext.run(properties);
    }

    private static RegisterNodeRequest register(String id, NodeLevel level, String division, String parent) {
        return RegisterNodeRequest.newBuilder().setNode(NodeDescriptor.newBuilder().setNodeId(id).setLevel(level)
                .setDivisionCode(division).setParentNodeId(parent)).build();
    }

    private static void assertInvalid(RegisterNodeRequest request, String message) {
        assertThatThrownBy(() -> provinceStub.registerNode(request))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription()).contains(message);
                });
    }

    private static NodeStatus status(GetNodeTreeResponse tree, String nodeId) {
        return tree.getNodesList().stream().filter(s -> s.getNode().getNodeId().equals(nodeId)).findFirst().orElse(null);
    }

    /** Polls until the tree shows what the test waits for (heartbeats are asynchronous), at most 15 s. */
    private static GetNodeTreeResponse awaitTree(NodeRegistryServiceGrpc.NodeRegistryServiceBlockingStub stub,
                                                 Predicate<GetNodeTreeResponse> condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        GetNodeTreeResponse tree;
        do {
            tree = stub.getNodeTree(GetNodeTreeRequest.getDefaultInstance());
            if (condition.test(tree)) {
                return tree;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("the tree never reached the expected state; last seen: " + tree);
    }

    private record Closeable(ManagedChannel channel) implements AutoCloseable {
        Closeable(ApplicationContext node) {
            this(ManagedChannelBuilder.forTarget("127.0.0.1:" + node.getBean(GrpcServer.class).port()).usePlaintext().build());
        }

        NodeRegistryServiceGrpc.NodeRegistryServiceBlockingStub stub() {
            return NodeRegistryServiceGrpc.newBlockingStub(channel);
        }

        @Override
        public void close() {
            channel.shutdownNow();
        }
    }
}
