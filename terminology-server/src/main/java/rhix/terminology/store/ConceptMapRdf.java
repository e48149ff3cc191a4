package rhix.terminology.store;

import static rhix.terminology.store.TerminologyVocabulary.*;

import java.util.List;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.ConceptMap.ConceptMapGroupComponent;
import org.hl7.fhir.r4.model.ConceptMap.SourceElementComponent;
import org.hl7.fhir.r4.model.ConceptMap.TargetElementComponent;
import org.hl7.fhir.r4.model.Enumerations.ConceptMapEquivalence;

/**
 * A ConceptMap version as triples: header → rhix:group → rhix:element (a source code) → rhix:mapsTo (a
 * target code with its equivalence). dependsOn/product and a group's unmapped have no triples of their
 * own: they are kept as the FHIR JSON of a one-part ConceptMap (rhix:partJson).
 */
final class ConceptMapRdf {

    static void write(ConceptMap map, ResourceKey key, TripleSink out, ProgressListener progress) {
        ConceptMap header = map.copy();
        header.setGroup(null);
        ResourceHeaders.write(header, key, out);
        Node node = key.graph();
        if (map.hasSourceUriType() || map.hasSourceCanonicalType()) {
            out.triple(node, SOURCE, Literals.typed(map.getSource().primitiveValue(), XSDDatatype.XSDanyURI));
        }
        if (map.hasTargetUriType() || map.hasTargetCanonicalType()) {
            out.triple(node, TARGET, Literals.typed(map.getTarget().primitiveValue(), XSDDatatype.XSDanyURI));
        }
        long total = map.getGroup().stream().mapToLong(group -> group.getElement().size()).sum();
        long done = 0;
        List<ConceptMapGroupComponent> groups = map.getGroup();
        for (int g = 0; g < groups.size(); g++) {
            ConceptMapGroupComponent group = groups.get(g);
            Node groupNode = key.child("group/" + g);
            out.triple(node, GROUP, groupNode);
            out.triple(groupNode, ORDER, Literals.integer(g));
            optional(out, groupNode, SOURCE, group.getSource());
            optional(out, groupNode, SOURCE_VERSION, group.getSourceVersion());
            optional(out, groupNode, TARGET, group.getTarget());
            optional(out, groupNode, TARGET_VERSION, group.getTargetVersion());
            if (group.hasUnmapped()) {
                ConceptMap part = new ConceptMap();
                part.addGroup().setUnmapped(group.getUnmapped());
                out.triple(groupNode, PART_JSON, Literals.string(FhirJsonCodec.encode(part)));
            }
            List<SourceElementComponent> elements = group.getElement();
            for (int e = 0; e < elements.size(); e++) {
                writeElement(elements.get(e), key.child("group/" + g + "/element/" + e), e, groupNode, out);
                if (++done % 10_000 == 0 || done == total) {
                    progress.progress(done, total);
                }
            }
        }
    }

    private static void writeElement(SourceElementComponent element, Node elementNode, int index, Node groupNode, TripleSink out) {
        out.triple(groupNode, ELEMENT, elementNode);
        out.triple(elementNode, ORDER, Literals.integer(index));
        optional(out, elementNode, CODE, element.getCode());
        optional(out, elementNode, DISPLAY, element.getDisplay());
        List<TargetElementComponent> targets = element.getTarget();
        for (int t = 0; t < targets.size(); t++) {
            TargetElementComponent target = targets.get(t);
            Node targetNode = TerminologyVocabulary.iri(elementNode.getURI() + "/target/" + t);
            out.triple(elementNode, MAPS_TO, targetNode);
            out.triple(targetNode, ORDER, Literals.integer(t));
            optional(out, targetNode, CODE, target.getCode());
            optional(out, targetNode, DISPLAY, target.getDisplay());
            if (target.hasEquivalence()) {
                out.triple(targetNode, EQUIVALENCE, Literals.string(target.getEquivalence().toCode()));
            }
            optional(out, targetNode, COMMENT, target.getComment());
            if (target.hasDependsOn() || target.hasProduct()) {
                ConceptMap part = new ConceptMap();
                TargetElementComponent kept = part.addGroup().addElement().addTarget();
                kept.setDependsOn(target.getDependsOn());
                kept.setProduct(target.getProduct());
                out.triple(targetNode, PART_JSON, Literals.string(FhirJsonCodec.encode(part)));
            }
        }
    }

    private static void optional(TripleSink out, Node subject, Node predicate, String text) {
        if (text != null && !text.isEmpty()) {
            out.triple(subject, predicate, Literals.string(text));
        }
    }

    static ConceptMap read(GraphSubjects graph, Node node) {
        ConceptMap map = ResourceHeaders.read(graph, node, ConceptMap.class);
        for (Node groupNode : graph.ordered(graph.objects(node, GROUP))) {
            ConceptMapGroupComponent group = map.addGroup()
                    .setSource(graph.text(groupNode, SOURCE)).setSourceVersion(graph.text(groupNode, SOURCE_VERSION))
                    .setTarget(graph.text(groupNode, TARGET)).setTargetVersion(graph.text(groupNode, TARGET_VERSION));
            String unmapped = graph.text(groupNode, PART_JSON);
            if (unmapped != null) {
                group.setUnmapped(FhirJsonCodec.decode(ConceptMap.class, unmapped).getGroupFirstRep().getUnmapped());
            }
            for (Node elementNode : graph.ordered(graph.objects(groupNode, ELEMENT))) {
                SourceElementComponent element = group.addElement()
                        .setCode(graph.text(elementNode, CODE)).setDisplay(graph.text(elementNode, DISPLAY));
                for (Node targetNode : graph.ordered(graph.objects(elementNode, MAPS_TO))) {
                    TargetElementComponent target = element.addTarget()
                            .setCode(graph.text(targetNode, CODE)).setDisplay(graph.text(targetNode, DISPLAY))
                            .setComment(graph.text(targetNode, COMMENT));
                    String equivalence = graph.text(targetNode, EQUIVALENCE);
                    if (equivalence != null) {
                        target.setEquivalence(ConceptMapEquivalence.fromCode(equivalence));
                    }
                    String part = graph.text(targetNode, PART_JSON);
                    if (part != null) {
                        TargetElementComponent kept = FhirJsonCodec.decode(ConceptMap.class, part)
                                .getGroupFirstRep().getElementFirstRep().getTargetFirstRep();
                        target.setDependsOn(kept.getDependsOn());
                        target.setProduct(kept.getProduct());
                    }
                }
            }
        }
        return map;
    }

    private ConceptMapRdf() {
    }
}
