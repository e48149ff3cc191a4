package rhix.terminology.api.fhir;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * {@code rhix.terminology.fhir.*}: the FHIR R4 terminology API ({@code http://host:port/fhir}). Its security
 * (bearer tokens, on by default) is {@code rhix.terminology.fhir.security.*}: {@link TerminologyFhirSecurityConfiguration}.
 *
 * @param port                 port of the FHIR server (default 8590; 0 picks a free one)
 * @param host                 interface to listen on (default 0.0.0.0)
 * @param maximumExpansionSize the most concepts one {@code $expand} may produce (default 10000); beyond it the
 *                             answer is an OperationOutcome with {@code too-costly}: page with count/offset or filter
 * @param maximumRequestBytes  the largest request body taken (default 16777216 = 16 MiB: requests may carry whole
 *                             code systems as tx-resource)
 */
@ConfigurationProperties("rhix.terminology.fhir")
public record TerminologyFhirConfiguration(@Min(0) @Max(65535) @Bindable(defaultValue = "8590") int port,
                                           @Bindable(defaultValue = "0.0.0.0") String host,
                                           @Min(1) @Bindable(defaultValue = "10000") int maximumExpansionSize,
                                           @Min(1) @Bindable(defaultValue = "16777216") long maximumRequestBytes) {
}
