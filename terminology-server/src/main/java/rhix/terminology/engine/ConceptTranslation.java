package rhix.terminology.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r5.context.SimpleWorkerContext;
import org.hl7.fhir.r5.model.CanonicalType;
import org.hl7.fhir.r5.model.CodeType;
import org.hl7.fhir.r5.model.Coding;
import org.hl7.fhir.r5.model.ConceptMap;
import org.hl7.fhir.r5.model.ConceptMap.ConceptMapGroupComponent;
import org.hl7.fhir.r5.model.ConceptMap.SourceElementComponent;
import org.hl7.fhir.r5.model.ConceptMap.TargetElementComponent;
import org.hl7.fhir.r5.model.OperationOutcome.IssueType;
import org.hl7.fhir.r5.model.Parameters;
import org.hl7.fhir.r5.model.Parameters.ParametersParameterComponent;
import rhix.terminology.store.VersionOrder;

/**
 * {@code ConceptMap/$translate} in both directions: forward (source code → targets) and reverse (a target
 * code → the source codes mapped to it). Takes the R4 names (system, code, coding, targetsystem, reverse)
 * and the R5 ones (sourceSystem, sourceCode, sourceCoding, targetSystem, targetCode, targetCoding).
 */
final class ConceptTranslation {

    private final SimpleWorkerContext worker;
    private final List<ConceptMap> requestMaps;

    ConceptTranslation(SimpleWorkerContext worker, List<ConceptMap> requestMaps) {
        this.worker = worker;
        this.requestMaps = requestMaps;
    }

    Parameters translate(Parameters p) {
        boolean reverse = p.hasParameter("targetCode") || p.hasParameter("targetCoding") || "true".equals(p.getParameterString("reverse"));
        Coding given = given(p, reverse);
        String otherSystem = reverse ? first(p, "sourceSystem") : first(p, "targetSystem", "targetsystem");
        List<ConceptMap> maps = mapsToUse(first(p, "url"), first(p, "conceptMapVersion"));

        Parameters result = new Parameters();
        for (ConceptMap map : maps) {
            for (ConceptMapGroupComponent group : map.getGroup()) {
                String from = reverse ? group.getTarget() : group.getSource();
                String to = reverse ? group.getSource() : group.getTarget();
                if (!matchesSystem(from, given.getSystem()) || (otherSystem != null && !otherSystem.equals(stripVersion(to)))) {
                    continue;
                }
                for (SourceElementComponent element : group.getElement()) {
                    for (TargetElementComponent target : element.getTarget()) {
                        String fromCode = reverse ? target.getCode() : element.getCode();
                        if (!given.getCode().equals(fromCode)) {
                            continue;
                        }
                        Coding mapped = reverse ? new Coding(stripVersion(group.getSource()), element.getCode(), element.getDisplay())
                                : new Coding(stripVersion(group.getTarget()), target.getCode(), target.getDisplay());
                        ParametersParameterComponent match = result.addParameter().setName("match");
                        match.addPart().setName("concept").setValue(reverse ? given.copy().setDisplay(null) : mapped);
                        if (target.hasRelationship()) {
                            match.addPart().setName("equivalence").setValue(new CodeType(equivalence(target.getRelationship().toCode())));
                            match.addPart().setName("relationship").setValue(new CodeType(target.getRelationship().toCode()));
                        }
                        match.addPart().setName("originMap").setValue(new CanonicalType(map.getVersionedUrl()));
                        if (reverse) {
                            match.addPart().setName("source").setValue(mapped);
                        }
                    }
                }
            }
        }
        boolean found = result.getParameter().stream().anyMatch(parameter -> "match".equals(parameter.getName()));
        result.getParameter().addFirst(new ParametersParameterComponent().setName("result").setValue(new org.hl7.fhir.r5.model.BooleanType(found)));
        if (!found) {
            result.addParameter("message", "No mappings found for " + given.getSystem() + "#" + given.getCode());
        }
        return result;
    }

    /**
     * The maps a translation consults: every map the request supplied, then of the held maps one version per
     * URL, the newest unless the caller named one ({@code url|version} or {@code conceptMapVersion}). A new
     * ConceptMap version so replaces the previous at once, while the old stays readable by version.
     */
    private List<ConceptMap> mapsToUse(String url, String requestedVersion) {
        String mapUrl = url;
        String mapVersion = requestedVersion;
        if (url != null && url.contains("|")) {
            mapUrl = url.substring(0, url.indexOf('|'));
            mapVersion = url.substring(url.indexOf('|') + 1);
        }
        String wantedUrl = mapUrl;
        String wantedVersion = mapVersion;
        Map<String, ConceptMap> chosen = new LinkedHashMap<>();
        for (ConceptMap map : requestMaps) {
            if (wantedUrl == null || wantedUrl.equals(map.getUrl())) {
                chosen.put(map.getUrl() + "|" + map.getVersion() + "|" + System.identityHashCode(map), map);
            }
        }
        Map<String, ConceptMap> heldByUrl = new LinkedHashMap<>();
        for (ConceptMap map : worker.fetchResourcesByType(ConceptMap.class)) {
            if (wantedUrl != null && !wantedUrl.equals(map.getUrl())) {
                continue;
            }
            if (wantedVersion != null) {
                if (wantedVersion.equals(map.getVersion())) {
                    heldByUrl.put(map.getUrl(), map);
                }
                continue;
            }
            heldByUrl.merge(map.getUrl(), map, (held, other) -> VersionOrder.INSTANCE.compare(other.getVersion(), held.getVersion()) > 0 ? other : held);
        }
        boolean suppliedOne = !chosen.isEmpty();
        for (ConceptMap held : heldByUrl.values()) {
            boolean alsoSupplied = suppliedOne && requestMaps.stream().anyMatch(map -> map.getUrl() != null && map.getUrl().equals(held.getUrl()));
            if (!alsoSupplied) {
                chosen.put(held.getUrl() + "|" + held.getVersion(), held);
            }
        }
        return List.copyOf(chosen.values());
    }

    /** R4 equivalence codes for the R5 relationships. */
    private static String equivalence(String relationship) {
        return switch (relationship) {
            case "source-is-broader-than-target" -> "wider";
            case "source-is-narrower-than-target" -> "narrower";
            case "not-related-to" -> "unmatched";
            case "related-to" -> "relatedto";
            default -> relationship;
        };
    }

    private static Coding given(Parameters p, boolean reverse) {
        String codingName = reverse ? "targetCoding" : "sourceCoding";
        for (String name : List.of(codingName, "coding")) {
            if (p.hasParameter(name)) {
                if (!(p.getParameterValue(name) instanceof Coding coding) || !coding.hasCode() || !coding.hasSystem()) {
                    throw TerminologyFailure.of(400, IssueType.INVALID, "The parameter '" + name + "' must be a Coding with a system and a code");
                }
                return coding;
            }
        }
        String code = reverse ? first(p, "targetCode", "code") : first(p, "sourceCode", "code");
        String system = reverse ? first(p, "targetSystem", "system") : first(p, "sourceSystem", "system");
        if (code == null || system == null) {
            throw TerminologyFailure.of(400, IssueType.INVALID, "$translate needs a code and its system (or a coding)");
        }
        return new Coding(system, code, null);
    }

    private static String first(Parameters p, String... names) {
        for (String name : names) {
            if (p.hasParameter(name)) {
                return p.getParameterValue(name).primitiveValue();
            }
        }
        return null;
    }

    private static boolean matchesSystem(String groupSystem, String system) {
        return groupSystem != null && stripVersion(groupSystem).equals(system);
    }

    private static String stripVersion(String canonical) {
        return canonical == null ? null : canonical.contains("|") ? canonical.substring(0, canonical.indexOf('|')) : canonical;
    }
}
