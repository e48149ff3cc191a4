package rhix.terminology.engine.index;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import org.hl7.fhir.r5.model.Enumerations.FilterOperator;
import org.hl7.fhir.r5.model.ValueSet;
import org.hl7.fhir.r5.model.ValueSet.ConceptSetComponent;
import org.hl7.fhir.r5.model.ValueSet.ConceptSetFilterComponent;

/**
 * A held value set's members, computed once per version from {@link ConceptIndex}es: for the common shape
 * of the region's value sets (includes of whole code systems, listed concepts, or {@code is-a} /
 * {@code descendent-of} / {@code concept =} filters; no excludes, no imported value sets). Anything else
 * is left to the core engine ({@link #compile} answers empty).
 */
final class ValueSetMembers {

    /** One member: the code system version it comes from and the concept. */
    record Member(ConceptIndex codeSystem, ConceptIndex.Entry concept) {
    }

    private final List<Member> inOrder;
    private final Map<String, Member> bySystemAndCode;
    private final Map<String, ConceptIndex> codeSystems;

    private ValueSetMembers(List<Member> inOrder, Map<String, ConceptIndex> codeSystems) {
        this.inOrder = List.copyOf(inOrder);
        this.codeSystems = Map.copyOf(codeSystems);
        this.bySystemAndCode = new HashMap<>(inOrder.size() * 2);
        for (Member member : inOrder) {
            bySystemAndCode.putIfAbsent(member.codeSystem().system() + "|" + member.concept().code, member);
        }
    }

    /**
     * @param codeSystems the index of a held code system version (version null: the one the engine would use),
     *                    empty when not held or not complete
     */
    static Optional<ValueSetMembers> compile(ValueSet valueSet, BiFunction<String, String, Optional<ConceptIndex>> codeSystems) {
        if (!valueSet.hasCompose() || valueSet.getCompose().hasExclude() || valueSet.getCompose().hasInactive()
                || valueSet.getCompose().hasLockedDate() || valueSet.getCompose().hasExtension()) {
            return Optional.empty();
        }
        List<Member> members = new ArrayList<>();
        Map<String, ConceptIndex> included = new HashMap<>();
        Set<String> seen = new java.util.HashSet<>();
        for (ConceptSetComponent include : valueSet.getCompose().getInclude()) {
            if (!include.hasSystem() || include.hasValueSet() || include.hasExtension() || include.hasCopyright()
                    || include.hasConcept() && include.hasFilter()) {
                return Optional.empty();
            }
            Optional<ConceptIndex> held = codeSystems.apply(include.getSystem(), include.hasVersion() ? include.getVersion() : null);
            if (held.isEmpty()) {
                return Optional.empty();
            }
            ConceptIndex other = included.putIfAbsent(held.get().system(), held.get());
            if (other != null && other != held.get()) {
                return Optional.empty(); // two versions of one system: which one a code is checked against is the core's call
            }
            Optional<List<ConceptIndex.Entry>> entries = included(include, held.get());
            if (entries.isEmpty()) {
                return Optional.empty();
            }
            for (ConceptIndex.Entry entry : entries.get()) {
                if (seen.add(held.get().system() + "|" + entry.code)) {
                    members.add(new Member(held.get(), entry));
                }
            }
        }
        return Optional.of(new ValueSetMembers(members, included));
    }

    private static Optional<List<ConceptIndex.Entry>> included(ConceptSetComponent include, ConceptIndex codeSystem) {
        if (include.hasConcept()) {
            List<ConceptIndex.Entry> listed = new ArrayList<>();
            for (ValueSet.ConceptReferenceComponent reference : include.getConcept()) {
                ConceptIndex.Entry entry = codeSystem.get(reference.getCode());
                // A listed concept with its own display or designations, or one the system lacks: the core engine's case.
                if (entry == null || reference.hasDisplay() || reference.hasDesignation() || reference.hasExtension()) {
                    return Optional.empty();
                }
                listed.add(entry);
            }
            return Optional.of(listed);
        }
        Set<ConceptIndex.Entry> selected = null;
        for (ConceptSetFilterComponent filter : include.getFilter()) {
            if (!"concept".equals(filter.getProperty()) || !filter.hasValue() || filter.hasExtension()) {
                return Optional.empty();
            }
            FilterOperator op = filter.getOp();
            Set<ConceptIndex.Entry> matching;
            if (op == FilterOperator.ISA) {
                matching = codeSystem.below(filter.getValue(), true);
            } else if (op == FilterOperator.DESCENDENTOF) {
                matching = codeSystem.below(filter.getValue(), false);
            } else if (op == FilterOperator.EQUAL) {
                ConceptIndex.Entry entry = codeSystem.get(filter.getValue());
                matching = entry == null ? Set.of() : Set.of(entry);
            } else {
                return Optional.empty();
            }
            if (codeSystem.get(filter.getValue()) == null) {
                return Optional.empty(); // the core engine words the unknown filter value
            }
            if (selected == null) {
                selected = new LinkedHashSet<>(matching);
            } else {
                selected.retainAll(matching);
            }
        }
        if (selected == null) {
            return Optional.empty(); // a whole code system: left to the core engine, which renders its hierarchy
        }
        List<ConceptIndex.Entry> ordered = new ArrayList<>(selected);
        ordered.sort(Comparator.comparingInt(entry -> entry.order));
        return Optional.of(ordered);
    }

    Member member(String system, String code) {
        return bySystemAndCode.get(system + "|" + code);
    }

    /** The version of {@code system} the value set draws on, if it includes that system. */
    Optional<ConceptIndex> codeSystem(String system) {
        return Optional.ofNullable(codeSystems.get(system));
    }

    List<Member> inOrder() {
        return inOrder;
    }
}
