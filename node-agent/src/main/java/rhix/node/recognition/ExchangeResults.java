package rhix.node.recognition;

import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rhix.api.exchange.v1.OfferedResult;

/**
 * What providers released in the exchanges this node's operations are waiting on, held in memory: results are
 * health data and stay out of the event store (events carry resource ids only). Bounded: past
 * {@code rhix.node.recognition.max-open-exchanges} the oldest exchange is dropped, its waiter told it ended
 * unanswered. Answers for an exchange nobody opened (or already taken) are not kept.
 */
@Singleton
public class ExchangeResults {

    private static final Logger LOG = LoggerFactory.getLogger(ExchangeResults.class);

    /** What arrived for one exchange so far. */
    public static final class Collected {
        private final CompletableFuture<ExchangeEnd> end = new CompletableFuture<>();
        private final Map<String, List<OfferedResult>> released = new LinkedHashMap<>();
        private final Map<String, String> failures = new LinkedHashMap<>();
        private List<String> providers = List.of();

        public synchronized Map<String, List<OfferedResult>> released() {
            return Map.copyOf(released);
        }

        /** Failure reason by provider node. */
        public synchronized Map<String, String> failures() {
            return Map.copyOf(failures);
        }

        /** The providers the exchange was authorised to ask; empty before authorisation (or when it was denied). */
        public synchronized List<String> providers() {
            return providers;
        }

        /** Authorised providers that neither released nor failed. */
        public synchronized List<String> unanswered() {
            return providers.stream().filter(node -> !released.containsKey(node) && !failures.containsKey(node)).toList();
        }

        public CompletableFuture<ExchangeEnd> end() {
            return end;
        }
    }

    private final Map<String, Collected> open;

    public ExchangeResults(RecognitionConfiguration configuration) {
        int capacity = configuration.maxOpenExchanges();
        this.open = new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Collected> eldest) {
                if (size() <= capacity) {
                    return false;
                }
                LOG.warn("more than {} exchanges open: results of exchange '{}' dropped", capacity, eldest.getKey());
                eldest.getValue().end.complete(new ExchangeEnd(ExchangeEnd.State.EXPIRED,
                        "dropped: more than " + capacity + " exchanges were open", eldest.getValue().unanswered()));
                return true;
            }
        };
    }

    /** Starts holding the exchange's answers; call before the exchange is requested, so none is missed. */
    public synchronized Collected open(String exchangeId) {
        return open.computeIfAbsent(exchangeId, id -> new Collected());
    }

    /** Stops holding the exchange's answers and hands what arrived to the caller. */
    public synchronized Optional<Collected> take(String exchangeId) {
        return Optional.ofNullable(open.remove(exchangeId));
    }

    synchronized void authorised(String exchangeId, List<String> providers) {
        find(exchangeId).ifPresent(collected -> {
            synchronized (collected) {
                collected.providers = List.copyOf(providers);
            }
        });
    }

    synchronized void released(String exchangeId, String providerNode, List<OfferedResult> results) {
        find(exchangeId).ifPresent(collected -> {
            synchronized (collected) {
                collected.released.put(providerNode, List.copyOf(results));
            }
        });
    }

    synchronized void failed(String exchangeId, String providerNode, String reason) {
        find(exchangeId).ifPresent(collected -> {
            synchronized (collected) {
                collected.failures.put(providerNode, reason);
            }
        });
    }

    synchronized void ended(String exchangeId, ExchangeEnd end) {
        find(exchangeId).ifPresent(collected -> collected.end.complete(end));
    }

    private Optional<Collected> find(String exchangeId) {
        return Optional.ofNullable(open.get(exchangeId));
    }
}
