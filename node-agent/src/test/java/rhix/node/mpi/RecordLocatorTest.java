package rhix.node.mpi;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.grpc.v1_6.GrpcTelemetry;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import rhix.api.mpi.v1.LocalIdentity;
import rhix.api.mpi.v1.MasterPatientIndexServiceGrpc;
import rhix.api.mpi.v1.RegisterIdentitiesRequest;
import rhix.node.grpc.GrpcChannels;

/** {@code LocateRecords} against an MPI on a real port: found, unknown, down, not configured; never a hang. */
class RecordLocatorTest {

    private FakeMpi mpi;
    private RecordLocator locator;

    @BeforeEach
    void startMpiWithOnePersonOnTwoNodes() {
        mpi = FakeMpi.start();
        mpi.link("a-1", "EID-PERSON");
        mpi.link("b-7", "EID-PERSON");
        ManagedChannel channel = NettyChannelBuilder.forTarget(mpi.target()).usePlaintext().build();
        try {
            MasterPatientIndexServiceGrpc.newBlockingStub(channel).registerIdentities(RegisterIdentitiesRequest.newBuilder()
                    .addIdentities(LocalIdentity.newBuilder().setNodeId("county-a").setLocalId("a-1"))
                    .addIdentities(LocalIdentity.newBuilder().setNodeId("county-b").setLocalId("b-7")).build());
        } finally {
            channel.shutdownNow();
        }
        locator = locatorFor(mpi.target());
    }

    @AfterEach
    void stop() throws InterruptedException {
        locator.close();
        mpi.close();
    }

    @Test
    void locatesEveryNodeHoldingThePersonByLocalRecordAndByEnterpriseId() {
        RecordLocation byLocal = locator.locate("county-a", "a-1", "TREAT");
        RecordLocation byEnterprise = locator.locate("EID-PERSON", "TREAT");

        assertThat(byLocal).isEqualTo(byEnterprise).isEqualTo(new RecordLocation.Located("EID-PERSON", java.util.List.of(
                new RecordLocation.LocatedRecord("county-a", "a-1"), new RecordLocation.LocatedRecord("county-b", "b-7"))));
    }

    @Test
    void aPersonTheMpiDoesNotKnowIsUnknown() {
        assertThat(locator.locate("EID-NOBODY", "TREAT")).isInstanceOfSatisfying(RecordLocation.Unknown.class,
                unknown -> assertThat(unknown.reason()).contains("NOT_FOUND"));
    }

    @Test
    void anMpiThatIsDownIsUnreachableWithinTheDeadline() throws InterruptedException {
        mpi.stop();
        Instant start = Instant.now();

        RecordLocation location = locator.locate("EID-PERSON", "TREAT");

        assertThat(location).isInstanceOfSatisfying(RecordLocation.Unreachable.class,
                unreachable -> assertThat(unreachable.reason()).contains(mpi.target()).contains("UNAVAILABLE"));
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void withoutAnMpiConfiguredNothingCanBeLocated() {
        assertThat(locatorFor(null).locate("EID-PERSON", "TREAT")).isInstanceOfSatisfying(RecordLocation.Unreachable.class,
                unreachable -> assertThat(unreachable.reason()).contains("rhix.node.mpi.target"));
    }

    private static RecordLocator locatorFor(String target) {
        MpiConfiguration configuration = new MpiConfiguration(true, target, 500, Duration.ofSeconds(2), Duration.ofSeconds(1),
                Duration.ofMinutes(1), Duration.ofSeconds(30));
        return new RecordLocator(configuration, new GrpcChannels(GrpcTelemetry.create(OpenTelemetry.noop())), OpenTelemetry.noop());
    }
}
