package rhix.terminology.load;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;

/**
 * A generated code system of {@code size} concepts in 6 levels (10, 100, 1,000, 5,000, 20,000 and the
 * rest): concept {@code i} is "C" + i, its parent the concept at the same position modulo the size of
 * the level above. Displays in Chinese, an English designation on each.
 */
public record GeneratedHierarchy(int size) {

    public static final String URL = "http://rhix.org.cn/fhir/CodeSystem/generated-hierarchy";
    private static final int[] LEVEL_SIZES = {10, 100, 1_000, 5_000, 20_000};

    /** Index of the first concept of each level, the last entry being {@code size}. */
    private int[] levelStarts() {
        int[] starts = new int[LEVEL_SIZES.length + 2];
        int start = 0;
        for (int level = 0; level < LEVEL_SIZES.length; level++) {
            starts[level] = start;
            start += LEVEL_SIZES[level];
        }
        starts[LEVEL_SIZES.length] = start;
        starts[LEVEL_SIZES.length + 1] = size;
        if (size <= start) {
            throw new IllegalArgumentException("at least " + (start + 1) + " concepts for 6 levels");
        }
        return starts;
    }

    /** The parent's index, or -1 for a root. */
    public int parentOf(int index) {
        int[] starts = levelStarts();
        for (int level = starts.length - 2; level >= 1; level--) {
            if (index >= starts[level]) {
                int above = starts[level] - starts[level - 1];
                return starts[level - 1] + (index - starts[level]) % above;
            }
        }
        return -1;
    }

    /** The codes from {@code index} up to its root, the concept itself first. */
    public List<String> chain(int index) {
        List<String> chain = new ArrayList<>();
        for (int i = index; i >= 0; i = parentOf(i)) {
            chain.add("C" + i);
        }
        return chain;
    }

    public CodeSystem codeSystem(String version) {
        CodeSystem codeSystem = new CodeSystem().setUrl(URL).setVersion(version).setName("GeneratedHierarchy")
                .setStatus(PublicationStatus.ACTIVE).setContent(CodeSystem.CodeSystemContentMode.COMPLETE)
                .setHierarchyMeaning(CodeSystem.CodeSystemHierarchyMeaning.ISA);
        codeSystem.setLanguage("zh");
        ConceptDefinitionComponent[] concepts = new ConceptDefinitionComponent[size];
        for (int i = 0; i < size; i++) {
            concepts[i] = new ConceptDefinitionComponent().setCode("C" + i).setDisplay("概念" + i);
            concepts[i].addDesignation().setLanguage("en").setValue("Concept " + i);
            int parent = parentOf(i);
            if (parent < 0) {
                codeSystem.addConcept(concepts[i]);
            } else {
                concepts[parent].addConcept(concepts[i]);
            }
        }
        codeSystem.setCount(size);
        return codeSystem;
    }

    /** The same system as CSV in the loader's columns, children listed before parents to exercise the two-pass nesting. */
    public String csv() {
        StringBuilder csv = new StringBuilder("code,display_zh,display_en,parent\n");
        for (int i = size - 1; i >= 0; i--) {
            int parent = parentOf(i);
            csv.append('C').append(i).append(",概念").append(i).append(",Concept ").append(i).append(',')
                    .append(parent < 0 ? "" : "C" + parent).append('\n');
        }
        return csv.toString();
    }
}
