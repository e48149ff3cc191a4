package rhix.terminology.api.sparql;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * {@code rhix.terminology.sparql.*}: the read-only SPARQL endpoint.
 *
 * @param enabled  whether to start it (default true)
 * @param port     its HTTP port (default 8690)
 * @param dataset  the dataset's path on the server: queries go to {@code /<dataset>/sparql} (default terminology)
 * @param loopback listen on localhost only (default false)
 */
@ConfigurationProperties("rhix.terminology.sparql")
public record SparqlConfiguration(@Bindable(defaultValue = "true") boolean enabled,
                                  @Bindable(defaultValue = "8690") int port,
                                  @Bindable(defaultValue = "terminology") String dataset,
                                  @Bindable(defaultValue = "false") boolean loopback) {
}
