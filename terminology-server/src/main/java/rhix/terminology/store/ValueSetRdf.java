package rhix.terminology.store;

import static rhix.terminology.store.TerminologyVocabulary.*;

import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.hl7.fhir.r4.model.ValueSet;

/**
 * A ValueSet version: its compose is a program for the engine, not knowledge to query, so it is kept
 * whole as FHIR JSON (in the header); the code systems it draws from are triples, for SPARQL.
 */
final class ValueSetRdf {

    static void write(ValueSet valueSet, ResourceKey key, TripleSink out) {
        ResourceHeaders.write(valueSet, key, out);
        Set<String> systems = new LinkedHashSet<>();
        valueSet.getCompose().getInclude().forEach(include -> {
            if (include.hasSystem()) {
                systems.add(include.getSystem());
            }
        });
        for (String system : systems) {
            out.triple(key.graph(), INCLUDES_SYSTEM, Literals.typed(system, XSDDatatype.XSDanyURI));
        }
    }

    static ValueSet read(GraphSubjects graph, Node node) {
        return ResourceHeaders.read(graph, node, ValueSet.class);
    }

    private ValueSetRdf() {
    }
}
