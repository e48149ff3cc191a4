package rhix.terminology.store;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;

/**
 * The RDF vocabulary of the store. SKOS carries what SKOS can say (concepts, codes, labels in zh/en,
 * is-a); the {@code rhix:} namespace carries what it cannot (canonical URL, version, status, FHIR
 * properties and designations, concept map groups/elements/targets, the FHIR JSON of parts kept whole).
 * README "Store, loading and SPARQL" documents it with an example.
 */
public final class TerminologyVocabulary {

    public static final String SKOS = "http://www.w3.org/2004/02/skos/core#";
    public static final String RHIX = "http://rhix.org.cn/terminology#";
    public static final String RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    /** Graph names and node IRIs of held resources live under this base. */
    public static final String GRAPH_BASE = "http://rhix.org.cn/terminology/graph/";

    public static final Node RDF_TYPE = iri(RDF + "type");

    public static final Node SKOS_CONCEPT_SCHEME = skos("ConceptScheme");
    public static final Node SKOS_CONCEPT = skos("Concept");
    public static final Node SKOS_NOTATION = skos("notation");
    public static final Node SKOS_PREF_LABEL = skos("prefLabel");
    public static final Node SKOS_ALT_LABEL = skos("altLabel");
    public static final Node SKOS_DEFINITION = skos("definition");
    public static final Node SKOS_BROADER = skos("broader");
    public static final Node SKOS_IN_SCHEME = skos("inScheme");

    /** Resource classes: the subject of a graph's header is the graph's own name. */
    public static final Node CODE_SYSTEM = rhix("CodeSystem");
    public static final Node VALUE_SET = rhix("ValueSet");
    public static final Node CONCEPT_MAP = rhix("ConceptMap");

    public static final Node URL = rhix("url");
    public static final Node VERSION = rhix("version");
    public static final Node STATUS = rhix("status");
    public static final Node NAME = rhix("name");
    public static final Node TITLE = rhix("title");
    /** The resource's FHIR JSON without what the triples hold (concepts, groups): extensions and metadata survive. */
    public static final Node HEADER_JSON = rhix("headerJson");
    public static final Node LOADED_AT = rhix("loadedAt");
    /** Number of concepts of a code system version, so counting does not have to scan. */
    public static final Node CONCEPT_COUNT = rhix("conceptCount");

    /** The concept's display in the code system's own language (skos:prefLabel carries the language tag). */
    public static final Node DISPLAY = rhix("display");
    /** Position among its siblings in the source, so materialised resources keep their order. */
    public static final Node ORDER = rhix("order");
    public static final Node DESIGNATION = rhix("designation");
    public static final Node LANGUAGE = rhix("language");
    public static final Node USE_SYSTEM = rhix("useSystem");
    public static final Node USE_CODE = rhix("useCode");
    public static final Node USE_DISPLAY = rhix("useDisplay");
    public static final Node VALUE = rhix("value");
    public static final Node PROPERTY = rhix("property");
    public static final Node CODE = rhix("code");
    /** A Coding-valued property: "system|code". */
    public static final Node VALUE_CODING = rhix("valueCoding");

    /** Value sets: the compose stays FHIR JSON in the header; the systems it draws from are triples, for SPARQL. */
    public static final Node INCLUDES_SYSTEM = rhix("includesSystem");

    public static final Node SOURCE = rhix("source");
    public static final Node TARGET = rhix("target");
    public static final Node SOURCE_VERSION = rhix("sourceVersion");
    public static final Node TARGET_VERSION = rhix("targetVersion");
    public static final Node GROUP = rhix("group");
    public static final Node ELEMENT = rhix("element");
    public static final Node MAPS_TO = rhix("mapsTo");
    public static final Node EQUIVALENCE = rhix("equivalence");
    public static final Node COMMENT = rhix("comment");
    /** Parts with no triples of their own (dependsOn/product, unmapped): the FHIR JSON of the part. */
    public static final Node PART_JSON = rhix("partJson");

    public static final String SPARQL_PREFIXES = "PREFIX skos: <" + SKOS + ">\nPREFIX rhix: <" + RHIX + ">\n";

    public static Node iri(String iri) {
        return NodeFactory.createURI(iri);
    }

    private static Node skos(String local) {
        return iri(SKOS + local);
    }

    private static Node rhix(String local) {
        return iri(RHIX + local);
    }

    private TerminologyVocabulary() {
    }
}
