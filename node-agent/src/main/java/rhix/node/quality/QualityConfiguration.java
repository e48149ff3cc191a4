package rhix.node.quality;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;
import java.util.List;

/**
 * {@code rhix.quality.*}: which rules run and their thresholds.
 *
 * @param disabledRules     rule ids not to run, e.g. {@code [C01]} (default: all rules run)
 * @param reportingDeadline how long after the clinical time a result may reach the node before it
 *                          is late (timeliness, default 7 days)
 */
@ConfigurationProperties("rhix.quality")
public record QualityConfiguration(@Nullable List<String> disabledRules,
                                   @Bindable(defaultValue = "7d") Duration reportingDeadline) {

    public QualityConfiguration {
        disabledRules = disabledRules == null ? List.of()
                : disabledRules.stream().map(String::strip).filter(id -> !id.isEmpty()).toList();
    }
}
