package rhix.terminology.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;

/**
 * One named graph read in a single scan and grouped by subject: materialising a 100,000-concept code
 * system this way costs one pass over its triples instead of a lookup per concept and property.
 */
final class GraphSubjects {

    private final Map<Node, Map<Node, List<Node>>> bySubject = new HashMap<>();

    static GraphSubjects read(DatasetGraph dataset, Node graph) {
        GraphSubjects subjects = new GraphSubjects();
        dataset.find(graph, Node.ANY, Node.ANY, Node.ANY).forEachRemaining(subjects::add);
        return subjects;
    }

    private void add(Quad quad) {
        bySubject.computeIfAbsent(quad.getSubject(), s -> new HashMap<>(8))
                .computeIfAbsent(quad.getPredicate(), p -> new ArrayList<>(1)).add(quad.getObject());
    }

    boolean isEmpty() {
        return bySubject.isEmpty();
    }

    List<Node> objects(Node subject, Node predicate) {
        return bySubject.getOrDefault(subject, Map.of()).getOrDefault(predicate, List.of());
    }

    Node object(Node subject, Node predicate) {
        List<Node> objects = objects(subject, predicate);
        return objects.isEmpty() ? null : objects.getFirst();
    }

    String text(Node subject, Node predicate) {
        return Literals.text(object(subject, predicate));
    }

    long integer(Node subject, Node predicate) {
        String text = text(subject, predicate);
        return text == null ? 0 : Long.parseLong(text);
    }

    List<Node> subjectsOfType(Node type) {
        List<Node> subjects = new ArrayList<>();
        bySubject.forEach((subject, properties) -> {
            if (properties.getOrDefault(TerminologyVocabulary.RDF_TYPE, List.of()).contains(type)) {
                subjects.add(subject);
            }
        });
        return subjects;
    }

    /** The nodes sorted by their rhix:order. */
    List<Node> ordered(List<Node> nodes) {
        List<Node> sorted = new ArrayList<>(nodes);
        sorted.sort(Comparator.comparingLong(node -> integer(node, TerminologyVocabulary.ORDER)));
        return sorted;
    }
}
