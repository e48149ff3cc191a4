package rhix.node.exchange;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * {@code rhix.node.exchange.provider.*}: how this node answers {@code rhix.exchange.v1.ResultExchangeService}
 * as a provider of results for mutual recognition.
 *
 * @param defaultMaxResults results released when a request leaves {@code max_results} at 0 (default 100)
 * @param maxResultsCap     the most results one call releases, whatever it asks for (default 1000)
 * @param pageSize          results read from the store at a time; the caller's deadline is checked between
 *                          pages (default 100)
 * @param maxPatientIds     local patient ids one request may name (default 100)
 * @param maxItemCodes      codings one request may name (default 200)
 */
@ConfigurationProperties("rhix.node.exchange.provider")
public record ExchangeProviderConfiguration(@Min(1) @Bindable(defaultValue = "100") int defaultMaxResults,
                                            @Min(1) @Max(100_000) @Bindable(defaultValue = "1000") int maxResultsCap,
                                            @Min(1) @Max(10_000) @Bindable(defaultValue = "100") int pageSize,
                                            @Min(1) @Bindable(defaultValue = "100") int maxPatientIds,
                                            @Min(1) @Bindable(defaultValue = "200") int maxItemCodes) {

    public ExchangeProviderConfiguration {
        if (defaultMaxResults > maxResultsCap) {
            throw new IllegalArgumentException("rhix.node.exchange.provider.default-max-results (" + defaultMaxResults
                    + ") must not exceed rhix.node.exchange.provider.max-results-cap (" + maxResultsCap + ")");
        }
    }
}
