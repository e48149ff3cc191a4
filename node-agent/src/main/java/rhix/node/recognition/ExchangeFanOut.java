package rhix.node.recognition;

import io.grpc.Status;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rhix.api.exchange.v1.FetchResultsRequest;
import rhix.api.exchange.v1.OfferedResult;
import rhix.api.exchange.v1.Principal;
import rhix.exchange.api.RecordProviderFailureCommand;
import rhix.exchange.api.RecordReleaseCommand;
import rhix.node.exchange.ProviderAnswer;
import rhix.node.exchange.ProviderClient;
import rhix.node.mpi.RecordLocation;
import rhix.node.mpi.RecordLocator;
import rhix.region.NodeId;

/**
 * The exchange saga's hands: locates a person's records, and asks every provider at once on threads of its own,
 * so the saga's event processor is not held for the slowest provider. Each answer is kept in
 * {@link ExchangeResults} (the payloads) and then recorded on the exchange as a command (the resource ids only);
 * keeping comes first, so the exchange cannot complete before its results are there to read.
 */
@Singleton
public class ExchangeFanOut implements ExchangeSteps {

    private static final Logger LOG = LoggerFactory.getLogger(ExchangeFanOut.class);
    static final String TREATMENT = "TREAT";

    private final RecordLocator locator;
    private final ProviderClient providers;
    private final ProviderDirectory directory;
    private final ExchangeResults results;
    private final ExecutorService executor;

    public ExchangeFanOut(RecordLocator locator, ProviderClient providers, ProviderDirectory directory, ExchangeResults results,
                          RecognitionConfiguration configuration) {
        this.locator = locator;
        this.providers = providers;
        this.directory = directory;
        this.results = results;
        this.executor = Executors.newFixedThreadPool(configuration.fanOutThreads(),
                Thread.ofPlatform().name("exchange-fan-out-", 0).daemon().factory());
    }

    @Override
    public RecordLocation locate(String enterprisePersonId) {
        return locator.locate(enterprisePersonId, TREATMENT);
    }

    @Override
    public void authorised(String exchangeId, List<NodeId> providerNodes) {
        results.authorised(exchangeId, providerNodes.stream().map(NodeId::value).toList());
    }

    @Override
    public void ended(String exchangeId, ExchangeEnd end) {
        results.ended(exchangeId, end);
    }

    /** Each provider is asked on a fan-out thread; its answer is sent as a command from that thread. */
    @Override
    public void askAll(String exchangeId, String requestingNode, String requester, List<String> itemCodes,
                Map<String, List<String>> localIdsByProvider, Consumer<Object> commands) {
        localIdsByProvider.forEach((provider, localIds) -> {
            FetchResultsRequest request = FetchResultsRequest.newBuilder()
                    .setExchangeId(exchangeId)
                    .setRequestingNodeId(requestingNode)
                    .setRequester(Principal.newBuilder().setId(requester))
                    .setPurposeOfUse(TREATMENT)
                    .addAllLocalPatientIds(localIds)
                    .addAllItemCodes(itemCodes.stream().map(ItemCodes::coding).toList())
                    .build();
            try {
                executor.execute(() -> ask(NodeId.of(provider), request, commands));
            } catch (RejectedExecutionException e) {
                // Shutting down: the exchange's deadline records the provider as unanswered.
                LOG.warn("provider {} not asked for exchange '{}': the node is stopping", provider, exchangeId);
            }
        });
    }

    private void ask(NodeId provider, FetchResultsRequest request, Consumer<Object> commands) {
        String exchangeId = request.getExchangeId();
        ProviderAnswer answer = directory.grpcTarget(provider)
                .map(target -> providers.fetch(provider.value(), target, request))
                .orElseGet(() -> new ProviderAnswer.Failed(provider.value(), Status.Code.UNAVAILABLE,
                        "no gRPC address known for node " + provider
                                + " (not in the node registry, nor in rhix.node.recognition.provider-targets)", 0));
        switch (answer) {
            case ProviderAnswer.Released released -> {
                results.released(exchangeId, provider.value(), released.results());
                List<String> ids = released.results().stream().map(ExchangeFanOut::resourceId).distinct().toList();
                commands.accept(new RecordReleaseCommand(exchangeId, provider, ids.size(), ids));
            }
            case ProviderAnswer.Failed failed -> {
                String reason = failed.code() + (failed.message().isBlank() ? "" : ": " + failed.message());
                results.failed(exchangeId, provider.value(), reason);
                commands.accept(new RecordProviderFailureCommand(exchangeId, provider, reason, Math.max(1, failed.attempts())));
            }
        }
    }

    static String resourceId(OfferedResult result) {
        String type = switch (result.getResourceType()) {
            case RESULT_RESOURCE_TYPE_DIAGNOSTIC_REPORT -> "DiagnosticReport";
            default -> "Observation";
        };
        return type + "/" + result.getResourceId();
    }

    @PreDestroy
    public void close() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(2, TimeUnit.SECONDS);
    }
}
