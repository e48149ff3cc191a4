package rhix.node.fhir;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * {@code rhix.node.fhir.*}: the node's FHIR R4 API ({@code http://host:port/fhir}). Its security
 * (bearer tokens, on by default) is {@code rhix.node.fhir.security.*}: {@link FhirSecurityConfiguration}.
 *
 * @param port            port of the FHIR server (default 8280; 0 picks a free one)
 * @param host            interface to listen on (default 0.0.0.0)
 * @param defaultPageSize entries per page without {@code _count} (default 20)
 * @param maximumPageSize the largest {@code _count} honoured (default 500)
 * @param maximumBundleEntries the most entries a transaction or batch may have (default 1000; more: 413)
 * @param maximumRequestBytes  the largest request body taken (default 33554432 = 32 MiB; larger: 413)
 */
@ConfigurationProperties("rhix.node.fhir")
public record FhirFacadeConfiguration(@Min(0) @Max(65535) @Bindable(defaultValue = "8280") int port,
                                      @Bindable(defaultValue = "0.0.0.0") String host,
                                      @Min(1) @Bindable(defaultValue = "20") int defaultPageSize,
                                      @Min(1) @Bindable(defaultValue = "500") int maximumPageSize,
                                      @Min(1) @Bindable(defaultValue = "1000") int maximumBundleEntries,
                                      @Min(1) @Bindable(defaultValue = "33554432") long maximumRequestBytes) {
}
