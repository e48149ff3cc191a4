package rhix.terminology.store;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;

/** Literal nodes the RDF writers use. */
final class Literals {

    static Node string(String text) {
        return NodeFactory.createLiteralString(text);
    }

    /** A language-tagged label; an untagged string when the language is unknown. */
    static Node label(String text, String language) {
        return language == null || language.isBlank() ? string(text) : NodeFactory.createLiteralLang(text, language);
    }

    static Node integer(long value) {
        return NodeFactory.createLiteralDT(Long.toString(value), XSDDatatype.XSDinteger);
    }

    static Node typed(String lexical, XSDDatatype type) {
        return NodeFactory.createLiteralDT(lexical, type);
    }

    /** The text of a literal, or null for anything else. */
    static String text(Node node) {
        return node != null && node.isLiteral() ? node.getLiteralLexicalForm() : null;
    }

    private Literals() {
    }
}
