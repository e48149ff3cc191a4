package rhix.node.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Timestamp;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import rhix.api.node.v1.GetNodeTreeResponse;
import rhix.api.node.v1.HeartbeatRequest;
import rhix.api.node.v1.NodeDescriptor;
import rhix.api.node.v1.NodeLevel;
import rhix.api.node.v1.NodeLiveness;
import rhix.api.node.v1.NodeStatus;
import rhix.api.node.v1.RegisterNodeRequest;
import rhix.api.node.v1.RegisterNodeResponse;
import rhix.node.ClockFactory;

/**
 * One real province node (real gRPC, PostgreSQL store) with a clock the test moves; the test plays
 * its children. Registry defaults apply: late after 15 s.
 */
class NodeRegistryServiceTest {

    private static final Instant START = Instant.parse("2026-03-02T08:00:00Z");

    @Factory
    @Requires(property = "spec.name", value = "NodeRegistryServiceTest")
    static class MovableClock {
        @Singleton
        @Replaces(value = Clock.class, factory = ClockFactory.class)
        TestClock clock() {
            return new TestClock(START);
        }
    }

    private static TestNode province;
    private static TestClock clock;

    @BeforeAll
    static void startProvince() {
        province = TestNode.node("province-330000", "PROVINCE", "330000")
                .with("spec.name", "NodeRegistryServiceTest").start();
        clock = province.context().getBean(TestClock.class);
    }

    @AfterAll
    static void stopProvince() {
        if (province != null) {
            province.close();
        }
    }

    @Test
    void aSilentNodeIsReportedLateAndAliveAgainOnItsNextHeartbeat() throws SQLException {
        province.registry().registerNode(direct("city-330300", NodeLevel.NODE_LEVEL_CITY, "330300", "province-330000"));
        province.registry().registerNode(direct("city-330500", NodeLevel.NODE_LEVEL_CITY, "330500", "province-330000"));
        // The sender's clock is a day off: liveness goes by the receiver's clock.
        heartbeat("city-330300", START.minus(Duration.ofDays(1)));
        assertThat(liveness("city-330300")).isEqualTo(NodeLiveness.NODE_LIVENESS_ALIVE);
        assertThat(liveness("city-330500")).isEqualTo(NodeLiveness.NODE_LIVENESS_UNKNOWN);

        clock.advance(Duration.ofSeconds(15));
        assertThat(liveness("city-330300")).isEqualTo(NodeLiveness.NODE_LIVENESS_ALIVE);

        clock.advance(Duration.ofSeconds(1));
        assertThat(liveness("city-330300")).isEqualTo(NodeLiveness.NODE_LIVENESS_LATE);
        assertThat(liveness("city-330500")).isEqualTo(NodeLiveness.NODE_LIVENESS_LATE);
        assertThat(province.context().getBean(NodeTreeController.class).tree().late())
                .contains("city-330300", "city-330500");

        heartbeat("city-330300", START);
        NodeStatus revived = status("city-330300");
        assertThat(revived.getLiveness()).isEqualTo(NodeLiveness.NODE_LIVENESS_ALIVE);
        assertThat(revived.getLastHeartbeatAt().getSeconds()).isEqualTo(clock.instant().getEpochSecond());
        assertThat(revived.getStoredResourceCount()).isEqualTo(42);
        assertThat(liveness("city-330500")).isEqualTo(NodeLiveness.NODE_LIVENESS_LATE);
        assertThat(province.context().getBean(NodeTreeController.class).tree().late())
                .contains("city-330500").doesNotContain("city-330300");
    }

    static Stream<Arguments> registrationsThatBreakTheTree() {
        return Stream.of(
                Arguments.of("division outside the province",
                        direct("city-320100", NodeLevel.NODE_LEVEL_CITY, "320100", "province-330000"),
                        "node.division_code 320100 lies outside this node's division 330000"),
                Arguments.of("malformed division",
                        direct("city-330900", NodeLevel.NODE_LEVEL_CITY, "33090", "province-330000"),
                        "node.division_code '33090' is not a GB/T 2260 division code"),
                Arguments.of("a province below a province",
                        direct("province-330001", NodeLevel.NODE_LEVEL_PROVINCE, "330000", "province-330000"),
                        "node.level PROVINCE is not below this PROVINCE node province-330000"),
                Arguments.of("no level",
                        direct("city-330901", NodeLevel.NODE_LEVEL_UNSPECIFIED, "330900", "province-330000"),
                        "node.level is unspecified"),
                Arguments.of("malformed id",
                        direct("City_330902", NodeLevel.NODE_LEVEL_CITY, "330900", "province-330000"),
                        "node.node_id 'City_330902' is not a node id"),
                Arguments.of("missing id",
                        direct("", NodeLevel.NODE_LEVEL_CITY, "330900", "province-330000"),
                        "node.node_id is missing"),
                Arguments.of("this node's own id",
                        direct("province-330000", NodeLevel.NODE_LEVEL_CITY, "330900", "province-330000"),
                        "node.node_id 'province-330000' is the id of the node it registered with"),
                Arguments.of("a direct child naming another parent",
                        direct("city-330903", NodeLevel.NODE_LEVEL_CITY, "330900", "province-320000"),
                        "node.parent_node_id 'province-320000' should be province-330000"),
                Arguments.of("a loop",
                        relayed("county-330904", NodeLevel.NODE_LEVEL_COUNTY, "330904", "city-330400",
                                "city-330400", "province-330000"),
                        "relayed_via_node_ids [city-330400, province-330000] already contains province-330000"),
                Arguments.of("a relayed node whose parent is unknown here",
                        relayed("county-330905", NodeLevel.NODE_LEVEL_COUNTY, "330905", "city-330900", "city-330900"),
                        "node.parent_node_id 'city-330900' is neither province-330000 nor a node registered below it"),
                Arguments.of("a relayed node not below its parent's level",
                        relayed("city-330401", NodeLevel.NODE_LEVEL_CITY, "330400", "city-330400", "city-330400"),
                        "node.level CITY is not below its parent city-330400 (CITY)"),
                Arguments.of("a relayed node outside its parent's division",
                        relayed("county-330502", NodeLevel.NODE_LEVEL_COUNTY, "330502", "city-330400", "city-330400"),
                        "node.division_code 330502 lies outside the division 330400 of its parent city-330400"),
                Arguments.of("a display name too long to keep",
                        RegisterNodeRequest.newBuilder().setNode(direct("city-330906", NodeLevel.NODE_LEVEL_CITY,
                                "330900", "province-330000").getNode().toBuilder().setDisplayName("市".repeat(129))).build(),
                        "node.display_name is 129 characters long, at most 128 are kept"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("registrationsThatBreakTheTree")
    void aRegistrationThatBreaksTheTreeIsRefusedNamingTheRuleAndStoresNothing(String rule, RegisterNodeRequest request,
                                                                             String message) throws SQLException {
        // The parent of the relayed cases, registered properly.
        province.registry().registerNode(direct("city-330400", NodeLevel.NODE_LEVEL_CITY, "330400", "province-330000"));
        int storedBefore = storedNodes();

        assertThatThrownBy(() -> province.registry().registerNode(request))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription()).contains(message);
                });
        assertThat(storedNodes()).isEqualTo(storedBefore);
        assertThat(isStored(request.getNode().getNodeId())).isFalse();
    }

    @Test
    void aRelayedRegistrationBelowAKnownNodeIsAcceptedAndARegistrationAgainUpdatesIt() {
        RegisterNodeResponse accepted = province.registry().registerNode(
                direct("city-330600", NodeLevel.NODE_LEVEL_CITY, "330600", "province-330000"));
        province.registry().registerNode(
                relayed("county-330602", NodeLevel.NODE_LEVEL_COUNTY, "330602", "city-330600", "city-330600"));
        Instant firstRegistration = clock.instant();
        clock.advance(Duration.ofSeconds(3));
        province.registry().registerNode(RegisterNodeRequest.newBuilder()
                .setNode(relayed("county-330602", NodeLevel.NODE_LEVEL_COUNTY, "330602", "city-330600", "city-330600")
                        .getNode().toBuilder().setDisplayName("越城区").setGrpcTarget("10.0.3.2:9090"))
                .addRelayedViaNodeIds("city-330600").build());

        assertThat(accepted.getAcceptedByNodeId()).isEqualTo("province-330000");
        assertThat(accepted.getHeartbeatIntervalMillis()).isEqualTo(5000);
        NodeStatus county = status("county-330602");
        assertThat(county.getNode().getParentNodeId()).isEqualTo("city-330600");
        assertThat(county.getNode().getDisplayName()).isEqualTo("越城区");
        assertThat(county.getNode().getGrpcTarget()).isEqualTo("10.0.3.2:9090");
        assertThat(county.getRegisteredAt().getSeconds()).isEqualTo(firstRegistration.getEpochSecond());
        assertThat(county.getLiveness()).isEqualTo(NodeLiveness.NODE_LIVENESS_UNKNOWN);
    }

    @Test
    void aHeartbeatFromAnUnknownNodeAsksItToRegisterAndStoresNothing() throws SQLException {
        boolean known = province.registry().heartbeat(HeartbeatRequest.newBuilder().setNodeId("county-339999")
                .setStoredResourceCount(7).build()).getKnown();

        assertThat(known).isFalse();
        assertThat(isStored("county-339999")).isFalse();
    }

    @Test
    void aHeartbeatWithAMalformedIdIsRefused() {
        assertThatThrownBy(() -> province.registry().heartbeat(HeartbeatRequest.newBuilder().setNodeId("County 1").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription()).isEqualTo(
                            "node_id 'County 1' is not a node id (1-63 lower-case letters, digits or dashes)");
                });
    }

    private static RegisterNodeRequest direct(String id, NodeLevel level, String division, String parent) {
        return RegisterNodeRequest.newBuilder().setNode(NodeDescriptor.newBuilder().setNodeId(id).setLevel(level)
                .setDivisionCode(division).setParentNodeId(parent)).build();
    }

    private static RegisterNodeRequest relayed(String id, NodeLevel level, String division, String parent,
                                               String... relayedVia) {
        return direct(id, level, division, parent).toBuilder().addAllRelayedViaNodeIds(List.of(relayedVia)).build();
    }

    private static void heartbeat(String nodeId, Instant sentAt) {
        boolean known = province.registry().heartbeat(HeartbeatRequest.newBuilder().setNodeId(nodeId)
                .setSentAt(Timestamp.newBuilder().setSeconds(sentAt.getEpochSecond())).setStoredResourceCount(42).build())
                .getKnown();
        assertThat(known).as("heartbeat of %s known", nodeId).isTrue();
    }

    private static NodeStatus status(String nodeId) {
        GetNodeTreeResponse tree = province.tree();
        return tree.getNodesList().stream().filter(s -> s.getNode().getNodeId().equals(nodeId)).findFirst()
                .orElseThrow(() -> new AssertionError(nodeId + " is not in the tree " + tree.getNodesList()));
    }

    private static NodeLiveness liveness(String nodeId) {
        return status(nodeId).getLiveness();
    }

    private static int storedNodes() throws SQLException {
        try (Connection connection = province.database().connect();
             PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM registered_node");
             ResultSet rows = count.executeQuery()) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static boolean isStored(String nodeId) throws SQLException {
        try (Connection connection = province.database().connect();
             PreparedStatement select = connection.prepareStatement("SELECT 1 FROM registered_node WHERE node_id = ?")) {
            select.setString(1, nodeId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        }
    }
}
