package rhix.terminology.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rhix.terminology.api.sparql.SparqlEndpoint;
import rhix.terminology.content.TerminologyResources;

/** The Micronaut wiring: configuration, shipped content loaded once, the SPARQL endpoint started over the same store. */
class TerminologyStoreFactoryTest {

    @Test
    void startsWithTheShippedContentAndLoadsItOnlyOnce(@TempDir Path directory) throws Exception {
        Map<String, Object> properties = Map.of(
                "rhix.terminology.store.path", directory.resolve("tdb").toString(),
                "rhix.terminology.sparql.port", 0,
                "rhix.terminology.sparql.loopback", true,
                "rhix.terminology.fhir.port", 0,
                "rhix.terminology.fhir.security.enabled", false);
        java.time.Instant firstLoad;
        try (ApplicationContext context = ApplicationContext.run(properties)) {
            TerminologyResources resources = context.getBean(TerminologyResources.class);
            assertThat(resources.codeSystem("http://rhix.org.cn/fhir/CodeSystem/gbt-2260", "2023")).isPresent();
            assertThat(resources.versions()).hasSize(5);
            firstLoad = context.getBean(TerminologyStore.class).held().getFirst().loadedAt();

            SparqlEndpoint endpoint = context.getBean(SparqlEndpoint.class);
            String query = "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> SELECT ?l WHERE { ?c skos:notation \"330225\" ; skos:prefLabel ?l }";
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(endpoint.queryUrl() + "?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)))
                    .header("Accept", "text/csv").GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).contains("象山县");
        }
        try (ApplicationContext context = ApplicationContext.run(properties)) {
            TerminologyStore store = context.getBean(TerminologyStore.class);
            assertThat(store.held()).hasSize(5);
            assertThat(store.held()).extracting(HeldResource::loadedAt).as("not loaded again").contains(firstLoad);
        }
    }
}
