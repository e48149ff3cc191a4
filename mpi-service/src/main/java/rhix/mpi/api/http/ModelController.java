package rhix.mpi.api.http;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import rhix.mpi.index.ActivePolicy;
import rhix.mpi.index.IndexRefusal;
import rhix.mpi.index.MatchModelStore;
import rhix.mpi.index.MatchingPolicy;
import rhix.mpi.index.ModelParameters;

/**
 * The matching model in force, reported (m, u, weights per trait and level, thresholds, where it came from
 * and how EM converged), and overridable by an administrator: the override is stored as a new model and
 * used for the next decision.
 */
@Controller("/mpi/model")
public class ModelController {

    private final ActivePolicy policy;

    public ModelController(ActivePolicy policy) {
        this.policy = policy;
    }

    @Serdeable
    public record ModelReport(long modelId, String source, ModelParameters parameters, double linkThreshold,
                              double reviewThreshold, Long pairs, Integer iterations, Boolean converged, String createdBy,
                              Instant createdAt) {

        static ModelReport of(MatchModelStore.StoredModel stored) {
            MatchingPolicy p = stored.policy();
            return new ModelReport(p.modelId(), p.source(), ModelParameters.of(p.model()), p.linkThreshold(),
                    p.reviewThreshold(), stored.pairs(), stored.iterations(), stored.converged(), stored.createdBy(),
                    stored.createdAt());
        }
    }

    /** m and u per trait as [agree, partial, disagree]; weights are derived and ignored on input. */
    @Serdeable
    public record ModelOverride(ModelParameters parameters, Double linkThreshold, Double reviewThreshold) {
    }

    @Get
    public ModelReport active() {
        return ModelReport.of(policy.describe());
    }

    @Put
    public ModelReport override(@Body ModelOverride override, HttpRequest<?> request) {
        if (override.parameters() == null || override.linkThreshold() == null || override.reviewThreshold() == null) {
            throw new IndexRefusal(IndexRefusal.Kind.INVALID, "an override gives parameters (m, u, matchPrevalence),"
                    + " linkThreshold and reviewThreshold");
        }
        MatchingPolicy overridden = new MatchingPolicy(override.parameters().toModel(), override.linkThreshold(),
                override.reviewThreshold(), 0, "OVERRIDE");
        return ModelReport.of(policy.replace(overridden, null, null, null, Stewards.of(request)));
    }
}
