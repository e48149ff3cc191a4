package rhix.terminology.store;

import static rhix.terminology.store.TerminologyVocabulary.*;

import java.time.Instant;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.hl7.fhir.r4.model.MetadataResource;

/**
 * The triples every resource graph starts with: type, canonical URL, version, status, name, title, load
 * time, and the resource's FHIR JSON without the parts the other triples hold (so extensions,
 * contacts and other metadata come back unchanged).
 */
final class ResourceHeaders {

    static void write(MetadataResource header, ResourceKey key, TripleSink out) {
        Node node = key.graph();
        out.triple(node, RDF_TYPE, TerminologyVocabulary.iri(RHIX + key.resourceType()));
        out.triple(node, URL, Literals.typed(key.url(), XSDDatatype.XSDanyURI));
        if (key.version() != null) {
            out.triple(node, VERSION, Literals.string(key.version()));
        }
        if (header.hasStatus()) {
            out.triple(node, STATUS, Literals.string(header.getStatus().toCode()));
        }
        if (header.hasName()) {
            out.triple(node, NAME, Literals.string(header.getName()));
        }
        if (header.hasTitle()) {
            out.triple(node, TITLE, Literals.label(header.getTitle(), header.hasLanguage() ? header.getLanguage() : null));
        }
        out.triple(node, LOADED_AT, Literals.typed(Instant.now().toString(), XSDDatatype.XSDdateTime));
        out.triple(node, HEADER_JSON, Literals.string(FhirJsonCodec.encode(header)));
    }

    static <T extends MetadataResource> T read(GraphSubjects graph, Node node, Class<T> type) {
        String json = graph.text(node, HEADER_JSON);
        if (json == null) {
            throw new IllegalStateException("graph " + node + " has no " + HEADER_JSON);
        }
        return FhirJsonCodec.decode(type, json);
    }

    private ResourceHeaders() {
    }
}
