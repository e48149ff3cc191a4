package rhix.terminology.api.sparql;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import rhix.terminology.store.TerminologyStore;

/** Starts the SPARQL endpoint with the application (eagerly: nothing else asks for it) and stops it with it. */
@Factory
public class SparqlEndpointFactory {

    @Context
    @Bean(preDestroy = "close")
    @Requires(property = "rhix.terminology.sparql.enabled", notEquals = "false")
    SparqlEndpoint sparqlEndpoint(TerminologyStore store, SparqlConfiguration configuration) {
        return SparqlEndpoint.start(store.dataset(), configuration.port(), configuration.dataset(), configuration.loopback());
    }
}
