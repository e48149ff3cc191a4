package rhix.terminology.store;

import static rhix.terminology.store.TerminologyVocabulary.*;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionDesignationComponent;
import org.hl7.fhir.r4.model.CodeSystem.ConceptPropertyComponent;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;

/**
 * A CodeSystem version as SKOS: the graph's header node is the skos:ConceptScheme, every concept a
 * skos:Concept in it, nesting and "parent" properties as skos:broader. Read back into an R4 CodeSystem
 * with the same concepts, order, designations and properties.
 */
final class CodeSystemRdf {

    private static final String PARENT = "parent";
    private static final int PROGRESS_EVERY = 10_000;

    static void write(CodeSystem codeSystem, ResourceKey key, TripleSink out, ProgressListener progress) {
        Node scheme = key.graph();
        CodeSystem header = codeSystem.copy();
        header.setConcept(null);
        out.triple(scheme, RDF_TYPE, SKOS_CONCEPT_SCHEME);
        ResourceHeaders.write(header, key, out);
        long total = countConcepts(codeSystem.getConcept());
        out.triple(scheme, CONCEPT_COUNT, Literals.integer(total));
        String language = codeSystem.hasLanguage() ? codeSystem.getLanguage() : null;
        long[] done = {0};
        writeConcepts(codeSystem.getConcept(), null, key, language, out, () -> {
            if (++done[0] % PROGRESS_EVERY == 0 || done[0] == total) {
                progress.progress(done[0], total);
            }
        });
    }

    private static void writeConcepts(List<ConceptDefinitionComponent> concepts, Node parent, ResourceKey key, String language,
                                      TripleSink out, Runnable counted) {
        for (int index = 0; index < concepts.size(); index++) {
            ConceptDefinitionComponent concept = concepts.get(index);
            Node node = key.concept(concept.getCode());
            out.triple(node, RDF_TYPE, SKOS_CONCEPT);
            out.triple(node, SKOS_IN_SCHEME, key.graph());
            out.triple(node, SKOS_NOTATION, Literals.string(concept.getCode()));
            out.triple(node, ORDER, Literals.integer(index));
            Set<String> labelledLanguages = new HashSet<>();
            if (concept.hasDisplay()) {
                out.triple(node, DISPLAY, Literals.string(concept.getDisplay()));
                out.triple(node, SKOS_PREF_LABEL, Literals.label(concept.getDisplay(), language));
                labelledLanguages.add(language == null ? "" : language);
            }
            if (concept.hasDefinition()) {
                out.triple(node, SKOS_DEFINITION, Literals.label(concept.getDefinition(), language));
            }
            if (parent != null) {
                out.triple(node, SKOS_BROADER, parent);
            }
            List<ConceptDefinitionDesignationComponent> designations = concept.getDesignation();
            for (int d = 0; d < designations.size(); d++) {
                writeDesignation(designations.get(d), d, node, labelledLanguages, out);
            }
            List<ConceptPropertyComponent> properties = concept.getProperty();
            for (int p = 0; p < properties.size(); p++) {
                writeProperty(properties.get(p), p, node, key, out);
            }
            counted.run();
            writeConcepts(concept.getConcept(), node, key, language, out, counted);
        }
    }

    /** A designation node, and a SKOS label for it: the first per language is the prefLabel, later ones altLabels. */
    private static void writeDesignation(ConceptDefinitionDesignationComponent designation, int index, Node concept,
                                         Set<String> labelledLanguages, TripleSink out) {
        Node node = NodeFactory.createBlankNode();
        out.triple(concept, DESIGNATION, node);
        out.triple(node, ORDER, Literals.integer(index));
        out.triple(node, VALUE, Literals.string(designation.getValue()));
        if (designation.hasLanguage()) {
            out.triple(node, LANGUAGE, Literals.string(designation.getLanguage()));
            boolean first = labelledLanguages.add(designation.getLanguage());
            out.triple(concept, first ? SKOS_PREF_LABEL : SKOS_ALT_LABEL, Literals.label(designation.getValue(), designation.getLanguage()));
        }
        if (designation.hasUse()) {
            Coding use = designation.getUse();
            if (use.hasSystem()) {
                out.triple(node, USE_SYSTEM, Literals.string(use.getSystem()));
            }
            if (use.hasCode()) {
                out.triple(node, USE_CODE, Literals.string(use.getCode()));
            }
            if (use.hasDisplay()) {
                out.triple(node, USE_DISPLAY, Literals.string(use.getDisplay()));
            }
        }
    }

    private static void writeProperty(ConceptPropertyComponent property, int index, Node concept, ResourceKey key, TripleSink out) {
        Node node = NodeFactory.createBlankNode();
        out.triple(concept, PROPERTY, node);
        out.triple(node, ORDER, Literals.integer(index));
        out.triple(node, CODE, Literals.string(property.getCode()));
        Type value = property.getValue();
        switch (value) {
            case CodeType code -> {
                out.triple(node, VALUE, Literals.typed(code.getValue(), XSDDatatype.XSDtoken));
                if (PARENT.equals(property.getCode())) {
                    out.triple(concept, SKOS_BROADER, key.concept(code.getValue()));
                }
            }
            case Coding coding -> out.triple(node, VALUE_CODING, Literals.string(coding.getSystem() + "|" + coding.getCode()));
            case BooleanType bool -> out.triple(node, VALUE, Literals.typed(bool.getValueAsString(), XSDDatatype.XSDboolean));
            case IntegerType integer -> out.triple(node, VALUE, Literals.typed(integer.getValueAsString(), XSDDatatype.XSDinteger));
            case DecimalType decimal -> out.triple(node, VALUE, Literals.typed(decimal.getValueAsString(), XSDDatatype.XSDdecimal));
            case DateTimeType dateTime -> out.triple(node, VALUE, Literals.typed(dateTime.getValueAsString(), XSDDatatype.XSDdateTime));
            case StringType string -> out.triple(node, VALUE, Literals.string(string.getValue()));
            case null, default -> throw new IllegalArgumentException("concept property " + property.getCode() + " has an unsupported value "
                    + (value == null ? "(none)" : value.fhirType()));
        }
    }

    private static long countConcepts(List<ConceptDefinitionComponent> concepts) {
        long count = concepts.size();
        for (ConceptDefinitionComponent concept : concepts) {
            count += countConcepts(concept.getConcept());
        }
        return count;
    }

    /** Rebuilds the CodeSystem from its graph's triples, grouped by subject. */
    static CodeSystem read(GraphSubjects graph, Node scheme) {
        CodeSystem codeSystem = ResourceHeaders.read(graph, scheme, CodeSystem.class);
        Map<Node, ConceptDefinitionComponent> concepts = new HashMap<>();
        Map<Node, Long> order = new HashMap<>();
        List<Node> conceptNodes = graph.subjectsOfType(SKOS_CONCEPT);
        for (Node node : conceptNodes) {
            concepts.put(node, readConcept(graph, node));
            order.put(node, graph.integer(node, ORDER));
        }
        Comparator<Node> byOrder = Comparator.comparingLong((Node node) -> order.getOrDefault(node, 0L))
                .thenComparing(node -> concepts.get(node).getCode());
        conceptNodes.sort(byOrder);
        for (Node node : conceptNodes) {
            ConceptDefinitionComponent concept = concepts.get(node);
            Set<String> parentsByProperty = new HashSet<>();
            concept.getProperty().stream().filter(p -> PARENT.equals(p.getCode()) && p.getValue() instanceof CodeType)
                    .forEach(p -> parentsByProperty.add(((CodeType) p.getValue()).getValue()));
            List<Node> nestingParents = new ArrayList<>();
            for (Node broader : graph.objects(node, SKOS_BROADER)) {
                ConceptDefinitionComponent parent = concepts.get(broader);
                if (parent != null && !parentsByProperty.contains(parent.getCode())) {
                    nestingParents.add(broader);
                }
            }
            if (nestingParents.isEmpty()) {
                codeSystem.addConcept(concept);
            } else {
                // A concept nested under two parents appears under each, as in the source.
                for (Node parent : nestingParents) {
                    concepts.get(parent).addConcept(nestingParents.size() == 1 ? concept : concept.copy());
                }
            }
        }
        return codeSystem;
    }

    private static ConceptDefinitionComponent readConcept(GraphSubjects graph, Node node) {
        ConceptDefinitionComponent concept = new ConceptDefinitionComponent();
        concept.setCode(graph.text(node, SKOS_NOTATION));
        concept.setDisplay(graph.text(node, DISPLAY));
        concept.setDefinition(graph.text(node, SKOS_DEFINITION));
        for (Node designationNode : graph.ordered(graph.objects(node, DESIGNATION))) {
            ConceptDefinitionDesignationComponent designation = concept.addDesignation()
                    .setLanguage(graph.text(designationNode, LANGUAGE))
                    .setValue(graph.text(designationNode, VALUE));
            String useCode = graph.text(designationNode, USE_CODE);
            String useSystem = graph.text(designationNode, USE_SYSTEM);
            if (useCode != null || useSystem != null) {
                designation.setUse(new Coding(useSystem, useCode, graph.text(designationNode, USE_DISPLAY)));
            }
        }
        for (Node propertyNode : graph.ordered(graph.objects(node, PROPERTY))) {
            concept.addProperty().setCode(graph.text(propertyNode, CODE)).setValue(propertyValue(graph, propertyNode));
        }
        return concept;
    }

    private static Type propertyValue(GraphSubjects graph, Node propertyNode) {
        String coding = graph.text(propertyNode, VALUE_CODING);
        if (coding != null) {
            int bar = coding.indexOf('|');
            return new Coding("null".equals(coding.substring(0, bar)) ? null : coding.substring(0, bar), coding.substring(bar + 1), null);
        }
        Node value = graph.object(propertyNode, VALUE);
        String lexical = value.getLiteralLexicalForm();
        String datatype = value.getLiteralDatatypeURI();
        if (XSDDatatype.XSDtoken.getURI().equals(datatype)) {
            return new CodeType(lexical);
        } else if (XSDDatatype.XSDboolean.getURI().equals(datatype)) {
            return new BooleanType(lexical);
        } else if (XSDDatatype.XSDinteger.getURI().equals(datatype)) {
            return new IntegerType(lexical);
        } else if (XSDDatatype.XSDdecimal.getURI().equals(datatype)) {
            return new DecimalType(lexical);
        } else if (XSDDatatype.XSDdateTime.getURI().equals(datatype)) {
            return new DateTimeType(lexical);
        }
        return new StringType(lexical);
    }

    private CodeSystemRdf() {
    }
}
