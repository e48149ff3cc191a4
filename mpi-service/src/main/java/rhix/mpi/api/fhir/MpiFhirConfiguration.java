package rhix.mpi.api.fhir;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * {@code rhix.mpi.fhir.*}: the MPI's FHIR R4 API ({@code http://host:port/fhir}): {@code Patient/$match},
 * PIXm {@code Patient/$ihe-pix}, PDQm Patient search and read. Its security (bearer tokens, on by default)
 * is {@code rhix.mpi.fhir.security.*}: {@link MpiFhirSecurityConfiguration}.
 *
 * @param port                port of the FHIR server (default 8290; 0 picks a free one)
 * @param host                interface to listen on (default 0.0.0.0)
 * @param defaultPageSize     entries per search page without {@code _count} (default 20)
 * @param maximumPageSize     the largest {@code _count} honoured, and the most people one PDQm search or
 *                            {@code $match} returns (default 100): a demographic query that finds more should be narrowed
 * @param maximumRequestBytes the largest request body taken (default 1048576 = 1 MiB, ample for a $match probe; larger: 413)
 */
@ConfigurationProperties("rhix.mpi.fhir")
public record MpiFhirConfiguration(@Min(0) @Max(65535) @Bindable(defaultValue = "8290") int port,
                                   @Bindable(defaultValue = "0.0.0.0") String host,
                                   @Min(1) @Bindable(defaultValue = "20") int defaultPageSize,
                                   @Min(1) @Bindable(defaultValue = "100") int maximumPageSize,
                                   @Min(1) @Bindable(defaultValue = "1048576") long maximumRequestBytes) {
}
