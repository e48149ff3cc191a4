package rhix.terminology.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.jena.graph.Node;
import org.apache.jena.system.Txn;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Enumerations;
import org.junit.jupiter.api.Test;

/** A version replaced again and again while readers count its concepts: they only ever see a whole version. */
class ReadersDuringReplaceTest {

    private static final String URL = "http://example.org/replaced";

    @Test
    void readersNeverSeeHalfAVersion() throws Exception {
        try (TerminologyStore store = TerminologyStore.open(null)) {
            store.put(codeSystem(1_000), ProgressListener.NONE);
            Node graph = new ResourceKey("CodeSystem", URL, "1").graph();
            Set<Long> seen = ConcurrentHashMap.newKeySet();
            AtomicBoolean writing = new AtomicBoolean(true);
            Thread writer = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 4; i++) {
                    store.put(codeSystem(i % 2 == 0 ? 1_500 : 1_000), ProgressListener.NONE);
                }
                writing.set(false);
            });
            int reads = 0;
            while (writing.get() || reads < 5) {
                long concepts = Txn.calculateRead(store.dataset(), () -> {
                    long count = 0;
                    var quads = store.dataset().find(graph, Node.ANY, TerminologyVocabulary.RDF_TYPE, TerminologyVocabulary.SKOS_CONCEPT);
                    while (quads.hasNext()) {
                        quads.next();
                        count++;
                    }
                    return count;
                });
                seen.add(concepts);
                reads++;
            }
            writer.join();
            assertThat(reads).isGreaterThan(1);
            assertThat(seen).isSubsetOf(1_000L, 1_500L);
        }
    }

    private static CodeSystem codeSystem(int concepts) {
        CodeSystem cs = new CodeSystem().setUrl(URL).setVersion("1").setName("Replaced")
                .setStatus(Enumerations.PublicationStatus.ACTIVE).setContent(CodeSystem.CodeSystemContentMode.COMPLETE);
        for (int i = 0; i < concepts; i++) {
            cs.addConcept().setCode("c" + i).setDisplay("concept " + i);
        }
        return cs;
    }
}
