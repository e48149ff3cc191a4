package rhix.mpi.index;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;

/**
 * The matching policy in force: the newest stored model, or the built-in default with the configured
 * thresholds until one is stored. Held in memory; replacing it takes effect for the next decision.
 */
@Singleton
public class ActivePolicy {

    private final IndexTransactions transactions;
    private final MatchModelStore models;
    private final MatchingConfiguration configuration;
    private final Clock clock;
    private volatile MatchModelStore.StoredModel current;

    public ActivePolicy(IndexTransactions transactions, MatchModelStore models, MatchingConfiguration configuration, Clock clock) {
        this.transactions = transactions;
        this.models = models;
        this.configuration = configuration;
        this.clock = clock;
    }

    public MatchingPolicy policy() {
        return describe().policy();
    }

    /** The policy with where it came from. */
    public MatchModelStore.StoredModel describe() {
        MatchModelStore.StoredModel model = current;
        if (model == null) {
            Optional<MatchModelStore.StoredModel> stored = transactions.read(models::active);
            model = stored.orElseGet(() -> new MatchModelStore.StoredModel(new MatchingPolicy(DefaultModel.model(),
                    configuration.linkThreshold(), configuration.reviewThreshold(), 0, "DEFAULT"), null, null, null, "rhix",
                    null));
            current = model;
        }
        return model;
    }

    /** Stores {@code policy} as the active one (source EM or OVERRIDE) and uses it from now on. */
    public synchronized MatchModelStore.StoredModel replace(MatchingPolicy policy, Long pairs, Integer iterations,
                                                            Boolean converged, String actor) {
        long id = transactions.write(connection -> models.save(connection, policy, pairs, iterations, converged, actor,
                clock.instant()));
        current = transactions.read(models::active).filter(stored -> stored.policy().modelId() == id)
                .orElseThrow(() -> new IllegalStateException("model " + id + " was saved but is not the newest"));
        return current;
    }

    /** The thresholds configured for estimated models. */
    public MatchingConfiguration configuration() {
        return configuration;
    }
}
