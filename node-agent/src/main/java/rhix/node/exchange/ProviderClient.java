package rhix.node.exchange;

import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rhix.api.exchange.v1.FetchResultsRequest;
import rhix.api.exchange.v1.FetchResultsResponse;
import rhix.api.exchange.v1.ResultExchangeServiceGrpc;
import rhix.node.grpc.GrpcChannels;

/**
 * The requesting side of mutual recognition: asks one provider node for results ({@code FetchResults}), each
 * attempt under its own deadline, retrying a provider that is down or slow ({@code UNAVAILABLE},
 * {@code DEADLINE_EXCEEDED}) a bounded number of times with exponential backoff. Never throws for a provider's
 * failure: the answer says {@link ProviderAnswer.Failed} with the last status and the attempts made, so one
 * down provider does not sink an exchange that asks several.
 *
 * <p>Channels to providers ({@link GrpcChannels}, traced) are opened once per target and closed with the node.
 */
@Singleton
public class ProviderClient {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderClient.class);
    /** The statuses that say the provider was down or slow, not that it refused: worth another attempt. */
    static final Set<Status.Code> RETRIED = EnumSet.of(Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED);

    private final GrpcChannels channels;
    private final ProviderClientConfiguration configuration;
    private final Tracer tracer;
    private final Map<String, ManagedChannel> channelsByTarget = new ConcurrentHashMap<>();

    public ProviderClient(GrpcChannels channels, ProviderClientConfiguration configuration, OpenTelemetry openTelemetry) {
        this.channels = channels;
        this.configuration = configuration;
        this.tracer = openTelemetry.getTracer("rhix.node.exchange");
    }

    /** Asks the provider {@code nodeId} serving gRPC at {@code target} ({@code host:port}). */
    public ProviderAnswer fetch(String nodeId, String target, FetchResultsRequest request) {
        ManagedChannel channel;
        try {
            channel = channelsByTarget.computeIfAbsent(target, channels::open);
        } catch (RuntimeException e) {
            LOG.warn("no channel to provider {} at '{}'", nodeId, target, e);
            return new ProviderAnswer.Failed(nodeId, Status.Code.INVALID_ARGUMENT,
                    "cannot open a channel to '" + target + "': " + e.getMessage(), 0);
        }
        return fetch(nodeId, channel, request);
    }

    /** Asks the provider {@code nodeId} over a channel the caller owns. */
    public ProviderAnswer fetch(String nodeId, Channel channel, FetchResultsRequest request) {
        Span span = tracer.spanBuilder("fetch results from provider").setAttribute("rhix.exchange.id", request.getExchangeId())
                .setAttribute("rhix.exchange.provider", nodeId).startSpan();
        try (Scope ignored = span.makeCurrent()) {
            ProviderAnswer answer = attempt(nodeId, channel, request);
            switch (answer) {
                case ProviderAnswer.Released released -> {
                    span.setAttribute("rhix.exchange.attempts", released.attempts());
                    span.setAttribute("rhix.exchange.released", released.results().size());
                }
                case ProviderAnswer.Failed failed -> {
                    span.setAttribute("rhix.exchange.attempts", failed.attempts());
                    span.setStatus(StatusCode.ERROR, failed.code().name());
                }
            }
            return answer;
        } finally {
            span.end();
        }
    }

    private ProviderAnswer attempt(String nodeId, Channel channel, FetchResultsRequest request) {
        ResultExchangeServiceGrpc.ResultExchangeServiceBlockingStub stub = ResultExchangeServiceGrpc.newBlockingStub(channel);
        long deadlineNanos = configuration.callDeadline().toNanos();
        for (int attempt = 1; ; attempt++) {
            Status status;
            try {
                FetchResultsResponse response = stub.withDeadlineAfter(deadlineNanos, TimeUnit.NANOSECONDS).fetchResults(request);
                LOG.debug("provider {} released {} result(s) for exchange '{}' (attempt {})", nodeId,
                        response.getResultsCount(), request.getExchangeId(), attempt);
                return new ProviderAnswer.Released(nodeId, response.getResultsList(), response.getTruncated(), attempt);
            } catch (StatusRuntimeException e) {
                status = e.getStatus();
            } catch (RuntimeException e) {
                // Not a call failure the channel reported (e.g. a broken interceptor): the same for every attempt.
                LOG.warn("calling provider {} for exchange '{}' failed", nodeId, request.getExchangeId(), e);
                return new ProviderAnswer.Failed(nodeId, Status.Code.INTERNAL, e.toString(), attempt);
            }
            String message = describe(status);
            if (!RETRIED.contains(status.getCode()) || attempt > configuration.maxRetries()) {
                LOG.warn("provider {} did not release results for exchange '{}': {} after {} attempt(s): {}", nodeId,
                        request.getExchangeId(), status.getCode(), attempt, message);
                return new ProviderAnswer.Failed(nodeId, status.getCode(), message, attempt);
            }
            Duration wait = configuration.backoffBefore(attempt);
            LOG.info("provider {} answered {} for exchange '{}' (attempt {}): retrying in {}", nodeId, status.getCode(),
                    request.getExchangeId(), attempt, wait);
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new ProviderAnswer.Failed(nodeId, status.getCode(), message + " (interrupted before retrying)", attempt);
            }
        }
    }

    private static String describe(Status status) {
        String description = status.getDescription() != null ? status.getDescription() : "";
        if (status.getCause() != null && !description.contains(String.valueOf(status.getCause().getMessage()))) {
            description = (description.isEmpty() ? "" : description + ": ") + status.getCause();
        }
        return description;
    }

    @PreDestroy
    public void close() throws InterruptedException {
        for (ManagedChannel channel : channelsByTarget.values()) {
            channel.shutdownNow();
        }
        for (ManagedChannel channel : channelsByTarget.values()) {
            channel.awaitTermination(1, TimeUnit.SECONDS);
        }
        channelsByTarget.clear();
    }
}
