package rhix.node.mpi;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rhix.api.mpi.v1.LocalRecordKey;
import rhix.api.mpi.v1.LocateRecordsRequest;
import rhix.api.mpi.v1.LocateRecordsResponse;
import rhix.api.mpi.v1.MasterPatientIndexServiceGrpc;
import rhix.node.grpc.GrpcChannels;

/**
 * The MPI's record locator ({@code LocateRecords}) as the requesting side of mutual recognition uses it: one call
 * under {@code rhix.node.mpi.deadline}, no retries (the exchange has its own deadline, and a second try would eat
 * it). Never throws for the MPI's failures: an MPI that is down, slow or not configured is
 * {@link RecordLocation.Unreachable}, a person it does not know {@link RecordLocation.Unknown}, so the caller
 * can deny the exchange with the reason.
 */
@Singleton
public class RecordLocator {

    private static final Logger LOG = LoggerFactory.getLogger(RecordLocator.class);

    private final MpiConfiguration configuration;
    private final GrpcChannels channels;
    private final Tracer tracer;
    private ManagedChannel channel;

    public RecordLocator(MpiConfiguration configuration, GrpcChannels channels, OpenTelemetry openTelemetry) {
        this.configuration = configuration;
        this.channels = channels;
        this.tracer = openTelemetry.getTracer("rhix.node.mpi");
    }

    /** Where the records of the person with this enterprise id are. */
    public RecordLocation locate(String enterpriseId, String purposeOfUse) {
        return locate(LocateRecordsRequest.newBuilder().setEnterpriseId(enterpriseId).setPurposeOfUse(purposeOfUse).build());
    }

    /** Where the records of the person this node knows as {@code localId} are (and their enterprise id). */
    public RecordLocation locate(String nodeId, String localId, String purposeOfUse) {
        return locate(LocateRecordsRequest.newBuilder()
                .setLocalRecord(LocalRecordKey.newBuilder().setNodeId(nodeId).setLocalId(localId))
                .setPurposeOfUse(purposeOfUse).build());
    }

    private RecordLocation locate(LocateRecordsRequest request) {
        if (!configuration.hasTarget()) {
            return new RecordLocation.Unreachable("no MPI is configured (rhix.node.mpi.target is empty)");
        }
        Span span = tracer.spanBuilder("locate records").startSpan();
        try (Scope ignored = span.makeCurrent()) {
            LocateRecordsResponse response = MasterPatientIndexServiceGrpc.newBlockingStub(channel())
                    .withDeadlineAfter(configuration.deadline().toNanos(), TimeUnit.NANOSECONDS)
                    .locateRecords(request);
            span.setAttribute("rhix.mpi.located", response.getRecordsCount());
            return new RecordLocation.Located(response.getEnterpriseId(), response.getRecordsList().stream()
                    .map(record -> new RecordLocation.LocatedRecord(record.getNodeId(), record.getLocalId())).toList());
        } catch (StatusRuntimeException e) {
            span.setStatus(StatusCode.ERROR, e.getStatus().getCode().name());
            String description = e.getStatus().getDescription() == null ? "" : ": " + e.getStatus().getDescription();
            return switch (e.getStatus().getCode()) {
                case NOT_FOUND, INVALID_ARGUMENT, PERMISSION_DENIED ->
                        new RecordLocation.Unknown("the MPI answered " + e.getStatus().getCode() + description);
                default -> {
                    LOG.warn("the MPI at {} did not locate records: {}{}", configuration.target(), e.getStatus().getCode(), description);
                    yield new RecordLocation.Unreachable("the MPI at " + configuration.target() + " did not answer: "
                            + e.getStatus().getCode() + description);
                }
            };
        } catch (RuntimeException e) {
            span.setStatus(StatusCode.ERROR, e.toString());
            LOG.warn("calling the MPI at {} failed", configuration.target(), e);
            return new RecordLocation.Unreachable("the MPI at " + configuration.target() + " could not be called: " + e);
        } finally {
            span.end();
        }
    }

    private synchronized ManagedChannel channel() {
        if (channel == null) {
            channel = channels.open(configuration.target());
        }
        return channel;
    }

    @PreDestroy
    public synchronized void close() throws InterruptedException {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(2, TimeUnit.SECONDS);
            channel = null;
        }
    }
}
