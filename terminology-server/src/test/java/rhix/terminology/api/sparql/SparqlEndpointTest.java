package rhix.terminology.api.sparql;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.sparql.exec.http.QueryExecutionHTTP;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.UriType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rhix.terminology.load.FhirJsonLoader;
import rhix.terminology.load.LoadPolicy;
import rhix.terminology.load.LoadSummary;
import rhix.terminology.store.FhirJsonCodec;
import rhix.terminology.store.ProgressListener;
import rhix.terminology.store.TerminologyStore;
import rhix.terminology.store.TerminologyVocabulary;

/** The example over HTTP: every hospital's local lab codes that map to LOINC 2345-7; and an update refused. */
class SparqlEndpointTest {

    /** The README's example query. */
    static final String LOCAL_CODES_FOR_LOINC = TerminologyVocabulary.SPARQL_PREFIXES + """
            SELECT ?hospitalSystem ?localCode ?localDisplay WHERE {
              ?group rhix:target "http://loinc.org" ;
                     rhix:source ?hospitalSystem ;
                     rhix:element ?element .
              ?element rhix:code ?localCode ;
                       rhix:mapsTo ?target .
              ?target rhix:code "2345-7" .
              OPTIONAL { ?element rhix:display ?localDisplay }
            } ORDER BY ?hospitalSystem ?localCode
            """;

    @Test
    void findsEveryHospitalsLocalCodesForALoincCodeAndRefusesUpdates(@TempDir Path conceptMaps) throws Exception {
        // As the generator writes them: one ConceptMap per hospital in a folder.
        Files.writeString(conceptMaps.resolve("ConceptMap-h1.json"), FhirJsonCodec.encode(hospitalMap("h1", "1001", "2345-7", "1002", "2345-7", "1003", "718-7")));
        Files.writeString(conceptMaps.resolve("ConceptMap-h2.json"), FhirJsonCodec.encode(hospitalMap("h2", "PTT", "14749-6", "PTT-MG", "2345-7", "XHDB", "718-7")));
        try (TerminologyStore store = TerminologyStore.open(null)) {
            LoadSummary loaded = new FhirJsonLoader(store, LoadPolicy.SKIP_IF_HELD).loadFolder(conceptMaps, ProgressListener.NONE);
            assertThat(loaded.written()).hasSize(2);
            try (SparqlEndpoint endpoint = SparqlEndpoint.start(store.dataset(), 0, "terminology", true)) {
                List<String> rows = new ArrayList<>();
                try (QueryExecution query = QueryExecutionHTTP.service(endpoint.queryUrl()).query(LOCAL_CODES_FOR_LOINC).build()) {
                    query.execSelect().forEachRemaining(row -> rows.add(row.getLiteral("hospitalSystem").getLexicalForm()
                            + " " + row.getLiteral("localCode").getLexicalForm()));
                }
                assertThat(rows).containsExactly(
                        "http://rhix.org.cn/fhir/CodeSystem/hospital/h1/lab 1001",
                        "http://rhix.org.cn/fhir/CodeSystem/hospital/h1/lab 1002",
                        "http://rhix.org.cn/fhir/CodeSystem/hospital/h2/lab PTT-MG");

                HttpClient http = HttpClient.newHttpClient();
                HttpResponse<String> update = http.send(HttpRequest.newBuilder(URI.create(endpoint.datasetUrl()))
                        .header("Content-Type", "application/sparql-update")
                        .POST(HttpRequest.BodyPublishers.ofString("DELETE WHERE { GRAPH ?g { ?s ?p ?o } }")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(update.statusCode()).isEqualTo(403);
                assertThat(update.body()).contains("read-only");
                HttpResponse<String> updateEndpoint = http.send(HttpRequest.newBuilder(URI.create(endpoint.datasetUrl() + "/update"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("update=CLEAR%20ALL")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(updateEndpoint.statusCode()).isEqualTo(403);
                HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(endpoint.datasetUrl() + "?default"))
                        .header("Content-Type", "text/turtle")
                        .PUT(HttpRequest.BodyPublishers.ofString("<urn:a> <urn:b> <urn:c> .")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(put.statusCode()).isEqualTo(403);
                assertThat(store.held()).as("nothing was deleted").hasSize(2);
            }
        }
    }

    /** A hospital's lab → LOINC map the way ConceptMaps.labToLoinc writes it; codes and LOINC codes alternate. */
    private static ConceptMap hospitalMap(String hospital, String... codeThenLoinc) {
        String system = "http://rhix.org.cn/fhir/CodeSystem/hospital/" + hospital + "/lab";
        ConceptMap map = new ConceptMap();
        map.setId(hospital + "-lab-to-loinc");
        map.setUrl("http://rhix.org.cn/fhir/ConceptMap/" + hospital + "-lab-to-loinc");
        map.setStatus(Enumerations.PublicationStatus.ACTIVE);
        map.setSource(new UriType(system)).setTarget(new UriType("http://loinc.org"));
        ConceptMap.ConceptMapGroupComponent group = map.addGroup().setSource(system).setTarget("http://loinc.org");
        for (int i = 0; i < codeThenLoinc.length; i += 2) {
            group.addElement().setCode(codeThenLoinc[i]).setDisplay("检验项目 " + codeThenLoinc[i]).addTarget()
                    .setCode(codeThenLoinc[i + 1]).setEquivalence(Enumerations.ConceptMapEquivalence.EQUIVALENT);
        }
        return map;
    }
}
