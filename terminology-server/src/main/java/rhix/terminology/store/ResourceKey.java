package rhix.terminology.store;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.jena.graph.Node;

/**
 * One version of one resource: its named graph. The graph name is derived from type, URL and version,
 * so loading a version again replaces that version and nothing else.
 *
 * @param resourceType CodeSystem, ValueSet or ConceptMap
 * @param version      null when the resource has none
 */
public record ResourceKey(String resourceType, String url, String version) {

    /** Stands for "no version" in graph names. */
    private static final String NO_VERSION = "-";

    public ResourceKey {
        Objects.requireNonNull(resourceType, "resourceType");
        Objects.requireNonNull(url, "url");
        if (!resourceType.equals("CodeSystem") && !resourceType.equals("ValueSet") && !resourceType.equals("ConceptMap")) {
            throw new IllegalArgumentException("not a terminology resource type: " + resourceType);
        }
    }

    public String graphIri() {
        return TerminologyVocabulary.GRAPH_BASE + resourceType + "/" + encode(url) + "/" + (version == null ? NO_VERSION : encode(version));
    }

    public Node graph() {
        return TerminologyVocabulary.iri(graphIri());
    }

    /** A node inside this resource's graph (a concept, a group): the graph name plus a path. */
    public Node child(String path) {
        return TerminologyVocabulary.iri(graphIri() + "/" + path);
    }

    public Node concept(String code) {
        return child("concept/" + encode(code));
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        return resourceType + " " + url + (version == null ? "" : "|" + version);
    }
}
