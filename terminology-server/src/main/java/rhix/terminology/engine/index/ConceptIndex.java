package rhix.terminology.engine.index;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r5.model.CodeSystem;
import org.hl7.fhir.r5.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r5.model.CodeSystem.ConceptPropertyComponent;

/**
 * One code system version's concepts with their hierarchy, built once per version: what membership of an
 * {@code is-a} value set and a page of its expansion need, without walking the definition per call.
 * The hierarchy is the nesting plus {@code parent}/{@code child} properties, as the core engine reads it.
 */
final class ConceptIndex {

    /** A concept and where it sits. {@code order} is its position in a depth-first walk of the definition. */
    static final class Entry {
        final String code;
        final String display;
        final boolean inactive;
        final int order;
        final List<Entry> children = new ArrayList<>();

        Entry(String code, String display, boolean inactive, int order) {
            this.code = code;
            this.display = display;
            this.inactive = inactive;
            this.order = order;
        }
    }

    private final String system;
    private final String version;
    private final boolean complete;
    private final Map<String, Entry> byCode = new HashMap<>();
    private final List<Entry> inDefinitionOrder = new ArrayList<>();

    private ConceptIndex(String system, String version, boolean complete) {
        this.system = system;
        this.version = version;
        this.complete = complete;
    }

    static ConceptIndex of(CodeSystem codeSystem) {
        ConceptIndex index = new ConceptIndex(codeSystem.getUrl(), codeSystem.getVersion(),
                codeSystem.getContent() == org.hl7.fhir.r5.model.Enumerations.CodeSystemContentMode.COMPLETE);
        index.add(codeSystem.getConcept(), null);
        // Parents given as properties (a flat definition, or a second parent) join the nesting.
        index.linkByProperties(codeSystem.getConcept());
        return index;
    }

    private void add(List<ConceptDefinitionComponent> concepts, Entry parent) {
        for (ConceptDefinitionComponent concept : concepts) {
            Entry entry = byCode.get(concept.getCode());
            if (entry == null) {
                entry = new Entry(concept.getCode(), concept.getDisplay(), inactive(concept), inDefinitionOrder.size());
                byCode.put(entry.code, entry);
                inDefinitionOrder.add(entry);
            }
            if (parent != null && !parent.children.contains(entry)) {
                parent.children.add(entry);
            }
            add(concept.getConcept(), entry);
        }
    }

    private void linkByProperties(List<ConceptDefinitionComponent> concepts) {
        for (ConceptDefinitionComponent concept : concepts) {
            Entry entry = byCode.get(concept.getCode());
            for (ConceptPropertyComponent property : concept.getProperty()) {
                if (!property.hasValue() || property.getValue().primitiveValue() == null) {
                    continue;
                }
                Entry other = byCode.get(property.getValue().primitiveValue());
                if (other == null) {
                    continue;
                }
                if ("parent".equals(property.getCode()) && !other.children.contains(entry)) {
                    other.children.add(entry);
                } else if ("child".equals(property.getCode()) && !entry.children.contains(other)) {
                    entry.children.add(other);
                }
            }
            linkByProperties(concept.getConcept());
        }
    }

    private static boolean inactive(ConceptDefinitionComponent concept) {
        for (ConceptPropertyComponent property : concept.getProperty()) {
            String value = property.hasValue() ? property.getValue().primitiveValue() : null;
            if ("inactive".equals(property.getCode()) && "true".equals(value)
                    || "status".equals(property.getCode()) && ("retired".equals(value) || "inactive".equals(value))) {
                return true;
            }
        }
        return false;
    }

    String system() {
        return system;
    }

    String version() {
        return version;
    }

    /** False for a fragment: a code it holds is valid, a code it lacks may still exist. */
    boolean complete() {
        return complete;
    }

    Entry get(String code) {
        return byCode.get(code);
    }

    /**
     * The concept and everything below it ({@code is-a}), or only what is below ({@code descendent-of}), in
     * definition order; empty when the code is not in this version.
     */
    Set<Entry> below(String code, boolean includingSelf) {
        Entry root = byCode.get(code);
        Set<Entry> found = new LinkedHashSet<>();
        if (root == null) {
            return found;
        }
        List<Entry> pending = new ArrayList<>(root.children);
        if (includingSelf) {
            found.add(root);
        }
        while (!pending.isEmpty()) {
            Entry next = pending.removeLast();
            if (found.add(next)) {
                pending.addAll(next.children);
            }
        }
        return found;
    }
}
