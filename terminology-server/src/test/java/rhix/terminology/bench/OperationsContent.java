package rhix.terminology.bench;

import java.util.HashMap;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.ValueSet;
import rhix.terminology.load.GeneratedHierarchy;

/**
 * What the operations benchmark runs on, the same for our engine and for HAPI's in-memory terminology: the
 * generated 6-level code system, a value set of the descendants of half of its ten roots ({@code is-a} filters,
 * about half the concepts), and a ConceptMap from a local code system to it.
 *
 * @param expectedValueSetSize how many concepts the value set holds (computed from the generator's hierarchy)
 */
record OperationsContent(GeneratedHierarchy hierarchy, CodeSystem codeSystem, ValueSet valueSet, ConceptMap conceptMap,
                         int expectedValueSetSize, Map<String, Coding> mappings) {

    static final String VALUE_SET_URL = "http://rhix.org.cn/fhir/ValueSet/generated-hierarchy-half";
    static final String LOCAL_SYSTEM = "http://rhix.org.cn/fhir/CodeSystem/bench-local";
    static final String CONCEPT_MAP_URL = "http://rhix.org.cn/fhir/ConceptMap/bench-local-to-generated";
    /** Roots C0..C4 of the generator's ten: their descendants are half of the system. */
    static final int ROOTS_IN_VALUE_SET = 5;

    static OperationsContent generate(int concepts, int mappingCount) {
        GeneratedHierarchy hierarchy = new GeneratedHierarchy(concepts);
        CodeSystem codeSystem = hierarchy.codeSystem("1");

        ValueSet valueSet = new ValueSet().setUrl(VALUE_SET_URL).setVersion("1").setName("GeneratedHierarchyHalf")
                .setStatus(Enumerations.PublicationStatus.ACTIVE);
        for (int root = 0; root < ROOTS_IN_VALUE_SET; root++) {
            // One include per root: filters inside one include are and-ed, includes or-ed.
            valueSet.getCompose().addInclude().setSystem(GeneratedHierarchy.URL).addFilter().setProperty("concept")
                    .setOp(ValueSet.FilterOperator.ISA).setValue("C" + root);
        }
        int inValueSet = 0;
        for (int i = 0; i < concepts; i++) {
            if (inValueSet(hierarchy, i)) {
                inValueSet++;
            }
        }

        ConceptMap conceptMap = new ConceptMap().setUrl(CONCEPT_MAP_URL).setVersion("1").setName("BenchLocalToGenerated")
                .setStatus(Enumerations.PublicationStatus.ACTIVE);
        ConceptMap.ConceptMapGroupComponent group = conceptMap.addGroup().setSource(LOCAL_SYSTEM).setTarget(GeneratedHierarchy.URL);
        Map<String, Coding> mappings = new HashMap<>();
        for (int k = 0; k < mappingCount; k++) {
            String target = "C" + targetOf(k, concepts);
            group.addElement().setCode("L" + k).setDisplay("本地" + k).addTarget().setCode(target).setDisplay("概念" + target.substring(1))
                    .setEquivalence(Enumerations.ConceptMapEquivalence.EQUIVALENT);
            mappings.put("L" + k, new Coding(GeneratedHierarchy.URL, target, "概念" + target.substring(1)));
        }
        return new OperationsContent(hierarchy, codeSystem, valueSet, conceptMap, inValueSet, Map.copyOf(mappings));
    }

    /** Spreads the mapped targets over the whole system. */
    private static int targetOf(int local, int concepts) {
        return (int) ((local * 7919L) % concepts);
    }

    static boolean inValueSet(GeneratedHierarchy hierarchy, int index) {
        String root = hierarchy.chain(index).getLast();
        return Integer.parseInt(root.substring(1)) < ROOTS_IN_VALUE_SET;
    }

    int concepts() {
        return hierarchy.size();
    }
}
