package rhix.mpi.index;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * {@code rhix.mpi.matching.*}: the thresholds used with the built-in {@link DefaultModel} and with every
 * model EM estimates, in score units (log2 likelihood ratio). An administrator's override carries its own.
 *
 * @param linkThreshold   at or above: linked automatically (default 12, about 4,000 : 1 for the same person)
 * @param reviewThreshold from here up to the link threshold: a review task (default 5)
 */
@ConfigurationProperties("rhix.mpi.matching")
public record MatchingConfiguration(@Bindable(defaultValue = "12") double linkThreshold,
                                    @Bindable(defaultValue = "5") double reviewThreshold) {
}
