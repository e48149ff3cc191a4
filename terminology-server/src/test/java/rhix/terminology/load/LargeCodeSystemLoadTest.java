package rhix.terminology.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.query.ResultSet;
import org.apache.jena.system.Txn;
import org.hl7.fhir.r4.model.CodeSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rhix.terminology.store.ResourceKey;
import rhix.terminology.store.TdbTerminologyResources;
import rhix.terminology.store.TerminologyStore;
import rhix.terminology.store.TerminologyVocabulary;

/** A 100,000-concept, 6-level code system loaded from CSV into an on-disk TDB2 (in-memory TDB2 simulates its files and is several times slower), then checked through SPARQL and the R4 view. */
class LargeCodeSystemLoadTest {

    private static final int SIZE = 100_000;

    @Test
    void loadsAHundredThousandConceptsAndTheirIsAChains(@TempDir Path directory) {
        GeneratedHierarchy hierarchy = new GeneratedHierarchy(SIZE);
        CodeSystem codeSystem = new CsvCodeSystemLoader().read(new StringReader(hierarchy.csv()),
                new CsvCodeSystem(GeneratedHierarchy.URL, "1", "GeneratedHierarchy", "生成的层级"), (done, total) -> { });
        try (TerminologyStore store = TerminologyStore.open(directory.resolve("tdb"))) {
            AtomicLong lastDone = new AtomicLong();
            AtomicLong reportedTotal = new AtomicLong();
            LoadSummary summary = new FhirJsonLoader(store, LoadPolicy.REPLACE).load(codeSystem, (done, total) -> {
                lastDone.set(done);
                reportedTotal.set(total);
            });
            assertThat(lastDone.get()).as("progress reaches the total").isEqualTo(SIZE);
            assertThat(reportedTotal.get()).isEqualTo(SIZE);
            assertThat(summary.triples()).isGreaterThan(SIZE * 8L);
            assertThat(summary.triplesPerSecond()).isPositive();

            ResourceKey key = new ResourceKey("CodeSystem", GeneratedHierarchy.URL, "1");
            String count = TerminologyVocabulary.SPARQL_PREFIXES
                    + "SELECT (COUNT(?c) AS ?n) WHERE { GRAPH <" + key.graphIri() + "> { ?c a skos:Concept } }";
            assertThat(select(store, count, "n")).containsExactly(String.valueOf(SIZE));

            int deepest = SIZE - 1;
            List<String> chain = hierarchy.chain(deepest);
            assertThat(chain).as("6 levels").hasSize(6);
            String ancestors = TerminologyVocabulary.SPARQL_PREFIXES
                    + "SELECT ?code WHERE { GRAPH ?g { ?c skos:notation \"C" + deepest + "\" ; skos:broader+ ?a . ?a skos:notation ?code } }";
            assertThat(select(store, ancestors, "code")).containsExactlyInAnyOrderElementsOf(chain.subList(1, chain.size()));
            String root = chain.getLast();
            String descendants = TerminologyVocabulary.SPARQL_PREFIXES
                    + "ASK { GRAPH ?g { ?c skos:notation \"C" + deepest + "\" ; skos:broader/skos:broader/skos:broader/skos:broader/skos:broader ?r ."
                    + " ?r skos:notation \"" + root + "\" . FILTER NOT EXISTS { ?r skos:broader ?any } } }";
            assertThat(Txn.calculateRead(store.dataset(), () -> {
                try (QueryExecution ask = QueryExecution.dataset(org.apache.jena.query.DatasetFactory.wrap(store.dataset())).query(descendants).build()) {
                    return ask.execAsk();
                }
            })).as("five is-a steps reach a root").isTrue();

            CodeSystem materialised = new TdbTerminologyResources(store).codeSystem(GeneratedHierarchy.URL, null).orElseThrow();
            assertThat(materialised.getConcept()).hasSize(10);
            assertThat(countConcepts(materialised.getConcept())).isEqualTo(SIZE);
        }
    }

    private static long countConcepts(List<CodeSystem.ConceptDefinitionComponent> concepts) {
        return concepts.size() + concepts.stream().mapToLong(c -> countConcepts(c.getConcept())).sum();
    }

    static List<String> select(TerminologyStore store, String query, String variable) {
        return Txn.calculateRead(store.dataset(), () -> {
            try (QueryExecution execution = QueryExecution.dataset(org.apache.jena.query.DatasetFactory.wrap(store.dataset())).query(query).build()) {
                ResultSet results = execution.execSelect();
                List<String> values = new ArrayList<>();
                while (results.hasNext()) {
                    QuerySolution row = results.next();
                    values.add(row.get(variable).isLiteral() ? row.getLiteral(variable).getLexicalForm() : row.get(variable).toString());
                }
                return values;
            }
        });
    }
}
