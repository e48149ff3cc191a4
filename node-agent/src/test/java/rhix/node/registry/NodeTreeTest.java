package rhix.node.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.client.HttpClient;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import rhix.api.node.v1.GetNodeTreeResponse;
import rhix.api.node.v1.NodeLevel;
import rhix.api.node.v1.NodeLiveness;
import rhix.api.node.v1.NodeStatus;

/**
 * Real nodes (province ← city ← county), each its own application context and PostgreSQL store,
 * registering and heartbeating over real gRPC: the province learns the whole tree through the city.
 */
class NodeTreeTest {

    private static TestNode province;
    private static TestNode city;
    private static TestNode county;

    @BeforeAll
    static void startTree() {
        province = TestNode.node("province-330000", "PROVINCE", "330000").with(TestNode.FAST_HEARTBEATS)
                .withHttpServer().start();
        city = TestNode.node("city-330100", "CITY", "330100").with(TestNode.FAST_HEARTBEATS)
                .with("rhix.node.display-name", "杭州市全民健康信息平台")
                .parent("province-330000", province).start();
        county = TestNode.node("county-330127", "COUNTY", "330127").with(TestNode.FAST_HEARTBEATS)
                .with("rhix.node.public-http-url", "http://county-330127.example:8080")
                .parent("city-330100", city).start();
    }

    @AfterAll
    static void stopTree() {
        for (TestNode node : new TestNode[] {county, city, province}) {
            if (node != null) {
                node.close();
            }
        }
    }

    @Test
    void theProvinceKnowsTheWholeTreeAndTheCityItsSubtree() throws InterruptedException {
        GetNodeTreeResponse tree = awaitTree(province, t -> isAlive(t, "city-330100") && isAlive(t, "county-330127"));

        assertThat(tree.getNodesList()).extracting(status -> status.getNode().getNodeId())
                .containsExactly("province-330000", "city-330100", "county-330127");
        NodeStatus cityStatus = status(tree, "city-330100");
        assertThat(cityStatus.getNode().getLevel()).isEqualTo(NodeLevel.NODE_LEVEL_CITY);
        assertThat(cityStatus.getNode().getParentNodeId()).isEqualTo("province-330000");
        assertThat(cityStatus.getNode().getDisplayName()).isEqualTo("杭州市全民健康信息平台");
        assertThat(cityStatus.getNode().getGrpcTarget()).isEqualTo(city.grpcTarget());
        NodeStatus countyStatus = status(tree, "county-330127");
        assertThat(countyStatus.getNode().getLevel()).isEqualTo(NodeLevel.NODE_LEVEL_COUNTY);
        assertThat(countyStatus.getNode().getParentNodeId()).isEqualTo("city-330100");
        assertThat(countyStatus.getNode().getDivisionCode()).isEqualTo("330127");
        assertThat(countyStatus.getNode().getGrpcTarget()).isEqualTo(county.grpcTarget());
        assertThat(countyStatus.getNode().getHttpBaseUrl()).isEqualTo("http://county-330127.example:8080");
        assertThat(countyStatus.hasLastHeartbeatAt()).isTrue();
        NodeStatus provinceStatus = tree.getNodes(0);
        assertThat(provinceStatus.getNode().getLevel()).isEqualTo(NodeLevel.NODE_LEVEL_PROVINCE);
        assertThat(provinceStatus.getNode().getParentNodeId()).isEmpty();
        assertThat(provinceStatus.getNode().getHttpBaseUrl())
                .isEqualTo("http://127.0.0.1:" + province.httpServer().getPort());

        GetNodeTreeResponse cityTree = awaitTree(city, t -> isAlive(t, "county-330127"));
        assertThat(cityTree.getNodesList()).extracting(status -> status.getNode().getNodeId())
                .containsExactly("city-330100", "county-330127");
        assertThat(cityTree.getNodes(0).getNode().getParentNodeId()).isEqualTo("province-330000");
    }

    @Test
    void administratorsSeeTheTreeAsJson() throws InterruptedException {
        awaitTree(province, t -> isAlive(t, "city-330100") && isAlive(t, "county-330127"));

        try (HttpClient client = HttpClient.create(province.httpServer().getURL())) {
            NodeTreeController.Tree tree = client.toBlocking().retrieve("/nodes", NodeTreeController.Tree.class);

            assertThat(tree.reportedBy()).isEqualTo("province-330000");
            assertThat(tree.self().nodeId()).isEqualTo("province-330000");
            assertThat(tree.self().liveness()).isEqualTo(rhix.node.registry.NodeLiveness.ALIVE);
            assertThat(tree.nodes()).extracting(NodeTreeController.TreeNode::nodeId)
                    .containsExactly("city-330100", "county-330127");
            NodeTreeController.TreeNode countyNode = tree.nodes().get(1);
            assertThat(countyNode.level()).isEqualTo("COUNTY");
            assertThat(countyNode.parentNodeId()).isEqualTo("city-330100");
            assertThat(countyNode.divisionCode()).isEqualTo("330127");
            assertThat(countyNode.httpBaseUrl()).isEqualTo("http://county-330127.example:8080");
            assertThat(countyNode.lastHeartbeatAt()).isNotNull();
            assertThat(countyNode.registeredAt()).isBeforeOrEqualTo(countyNode.lastHeartbeatAt());
            assertThat(tree.late()).isEmpty();
            assertThat(client.toBlocking().retrieve("/nodes")).contains("\"late\":[]");
        }
    }

    @Test
    void aParentThatForgetsItsDescendantsLearnsThemAgainFromTheirHeartbeats() throws Exception {
        awaitTree(province, t -> isAlive(t, "city-330100") && isAlive(t, "county-330127"));

        try (Connection connection = province.database().connect(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("DELETE FROM registered_node");
        }

        // The city's heartbeat gets known=false and it registers again; the county's relayed
        // heartbeat gets known=false and the city relays the county's registration again.
        GetNodeTreeResponse tree = awaitTree(province, t -> isAlive(t, "city-330100") && isAlive(t, "county-330127"));
        assertThat(status(tree, "county-330127").getNode().getParentNodeId()).isEqualTo("city-330100");
        assertThat(status(tree, "city-330100").getNode().getParentNodeId()).isEqualTo("province-330000");
    }

    @Test
    void aChildThatStartsBeforeItsParentRegistersOnceTheParentIsUp() throws Exception {
        int parentPort;
        try (ServerSocket free = new ServerSocket(0)) {
            parentPort = free.getLocalPort();
        }
        // Start-up does not wait for the parent: the context is running although nobody answers.
        try (TestNode ningbo = TestNode.node("city-330200", "CITY", "330200").with(TestNode.FAST_HEARTBEATS)
                .parent("province-330000", "127.0.0.1:" + parentPort).start()) {
            ParentLink link = ningbo.context().getBean(ParentLink.class);
            TimeUnit.MILLISECONDS.sleep(600);
            assertThat(link.isRegistered()).isFalse();

            try (TestNode lateProvince = TestNode.node("province-330000", "PROVINCE", "330000")
                    .with(TestNode.FAST_HEARTBEATS).with("rhix.node.grpc.port", parentPort).start()) {
                GetNodeTreeResponse tree = awaitTree(lateProvince, t -> isAlive(t, "city-330200"));

                assertThat(tree.getNodesList()).extracting(status -> status.getNode().getNodeId())
                        .containsExactly("province-330000", "city-330200");
                assertThat(link.isRegistered()).isTrue();
            }
        }
    }

    private static boolean isAlive(GetNodeTreeResponse tree, String nodeId) {
        NodeStatus status = status(tree, nodeId);
        return status != null && status.getLiveness() == NodeLiveness.NODE_LIVENESS_ALIVE;
    }

    private static NodeStatus status(GetNodeTreeResponse tree, String nodeId) {
        return tree.getNodesList().stream().filter(s -> s.getNode().getNodeId().equals(nodeId)).findFirst().orElse(null);
    }

    /** Polls until the tree shows what the test waits for (registration and heartbeats are asynchronous), at most 15 s. */
    private static GetNodeTreeResponse awaitTree(TestNode node, Predicate<GetNodeTreeResponse> condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        GetNodeTreeResponse tree;
        do {
            tree = node.tree();
            if (condition.test(tree)) {
                return tree;
            }
            TimeUnit.MILLISECONDS.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("the tree never reached the expected state; last seen: "
                + List.copyOf(tree.getNodesList()));
    }
}
