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

    /**
     * The FHIR logical id of this version: readable (the URL's last segment and the version) and unique (a
     * hash of type, URL and version), within FHIR's 64 characters of {@code [A-Za-z0-9\-.]}. Derived, not
     * assigned, so the same version has the same id on every server that holds it.
     */
    public String logicalId() {
        String lastSegment = url.replaceAll("/+$", "");
        lastSegment = lastSegment.substring(Math.max(lastSegment.lastIndexOf('/'), lastSegment.lastIndexOf(':')) + 1);
        String readable = slug(lastSegment, 32) + (version == null ? "" : "-" + slug(version, 20));
        return (readable.isEmpty() ? "" : readable + "-") + hash();
    }

    private String hash() {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest((resourceType + "|" + url + "|" + (version == null ? "" : version)).getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 4);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String slug(String text, int maximumLength) {
        String slug = text.replaceAll("[^A-Za-z0-9.]+", "-").replaceAll("^[-.]+|[-.]+$", "");
        return slug.length() > maximumLength ? slug.substring(0, maximumLength).replaceAll("[-.]+$", "") : slug;
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        return resourceType + " " + url + (version == null ? "" : "|" + version);
    }
}
