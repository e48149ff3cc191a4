package rhix.terminology.engine.index;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.hl7.fhir.r5.context.SimpleWorkerContext;
import org.hl7.fhir.r5.model.CodeSystem;
import org.hl7.fhir.r5.model.Coding;
import org.hl7.fhir.r5.model.DateTimeType;
import org.hl7.fhir.r5.model.Enumerations.CodeSystemContentMode;
import org.hl7.fhir.r5.model.OperationOutcome.IssueType;
import org.hl7.fhir.r5.model.Parameters;
import org.hl7.fhir.r5.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r5.model.UriType;
import org.hl7.fhir.r5.model.ValueSet;
import rhix.terminology.engine.TerminologyFailure;

/**
 * The fast path in front of the core engine for the calls nodes make all day on held content: a code in a
 * value set ({@code ValueSet/$validate-code}, positive answers) and a page of a large value set
 * ({@code $expand} with count/offset). Members are computed once per value set version from per-version
 * concept indexes, then answered by hash lookup or list slice with no lock. Whatever it is not sure to
 * answer as the core engine would (a negative answer and its wording, displays in other languages, inline
 * or supplied resources, excludes, inactive concepts...) it declines with an empty result, and the core
 * engine answers. One instance serves one state of the held terminology; a reload makes a new one.
 */
public final class IndexedTerminology {

    private static final Set<String> VALIDATE_PARAMETERS = Set.of("url", "valueSetVersion", "code", "system", "coding", "display");
    private static final Set<String> CODE_SYSTEM_VALIDATE_PARAMETERS = Set.of("url", "system", "version", "code", "coding", "display");
    private static final Set<String> EXPAND_PARAMETERS = Set.of("url", "valueSetVersion", "count", "offset", "activeOnly");

    private final SimpleWorkerContext worker;
    private final int maximumExpansionSize;
    private final Map<String, Optional<ConceptIndex>> codeSystems = new ConcurrentHashMap<>();
    private final Map<String, Optional<ValueSetMembers>> valueSets = new ConcurrentHashMap<>();

    /** @param worker the engine's shared context holding exactly the held resources; only read from here */
    public IndexedTerminology(SimpleWorkerContext worker, int maximumExpansionSize) {
        this.worker = worker;
        this.maximumExpansionSize = maximumExpansionSize;
    }

    /** Whether this index was built over that context (and so answers exactly as it would). */
    public boolean indexes(SimpleWorkerContext context) {
        return context == worker;
    }

    /** A positive answer to {@code ValueSet/$validate-code}, or empty when the core engine must answer. */
    public Optional<Parameters> validateCode(Parameters request, String acceptLanguage) {
        if (acceptLanguage != null || !onlyParameters(request, VALIDATE_PARAMETERS) || request.hasParameter("code") == request.hasParameter("coding")) {
            return Optional.empty();
        }
        String system;
        String code;
        String display;
        if (request.hasParameter("coding")) {
            if (!(request.getParameterValue("coding") instanceof Coding coding) || coding.hasVersion() || !coding.hasSystem()) {
                return Optional.empty();
            }
            system = coding.getSystem();
            code = coding.getCode();
            display = coding.getDisplay();
        } else {
            system = request.getParameterString("system");
            code = request.getParameterString("code");
            display = request.getParameterString("display");
        }
        if (system == null || code == null) {
            return Optional.empty();
        }
        Optional<ValueSetMembers> members = membersOf(request);
        ValueSetMembers.Member member = members.map(held -> held.member(system, code)).orElse(null);
        if (member == null || member.concept().inactive || display != null && !display.equals(member.concept().display)) {
            return Optional.empty();
        }
        return Optional.of(positive(system, code, member.codeSystem().version(), member.concept().display));
    }

    /** The core engine's positive answer, parameter for parameter. */
    private static Parameters positive(String system, String code, String version, String display) {
        Parameters answer = new Parameters();
        answer.addParameter("system", new UriType(system));
        answer.addParameter("code", new org.hl7.fhir.r5.model.CodeType(code));
        answer.addParameter("result", true);
        if (version != null) {
            answer.addParameter("version", version);
        }
        if (display != null) {
            answer.addParameter("display", display);
        }
        return answer;
    }

    /**
     * A positive answer to {@code CodeSystem/$validate-code} for a code the held version defines, also when the
     * version is a fragment (content=fragment: the region's ICD-10 and LOINC subsets), where the core engine,
     * built to defer fragments to a fuller server, gives no verdict even for a code the fragment holds.
     */
    public Optional<Parameters> validateCodeInCodeSystem(Parameters request, String acceptLanguage) {
        if (acceptLanguage != null || !onlyParameters(request, CODE_SYSTEM_VALIDATE_PARAMETERS)
                || request.hasParameter("code") == request.hasParameter("coding")) {
            return Optional.empty();
        }
        String system;
        String code;
        String display;
        String version;
        if (request.hasParameter("coding")) {
            if (!(request.getParameterValue("coding") instanceof Coding coding) || !coding.hasSystem()) {
                return Optional.empty();
            }
            system = coding.getSystem();
            code = coding.getCode();
            display = coding.getDisplay();
            version = coding.getVersion();
        } else {
            system = request.hasParameter("url") ? request.getParameterString("url") : request.getParameterString("system");
            code = request.getParameterString("code");
            display = request.getParameterString("display");
            version = request.getParameterString("version");
        }
        if (system == null || code == null) {
            return Optional.empty();
        }
        ConceptIndex.Entry concept = codeSystem(system, version).map(held -> held.get(code)).orElse(null);
        if (concept == null || concept.inactive || display != null && !display.equals(concept.display)) {
            return Optional.empty();
        }
        ConceptIndex held = codeSystem(system, version).orElseThrow();
        return Optional.of(positive(system, code, held.version(), concept.display));
    }

    /** An expansion (a page of it with count/offset), or empty when the core engine must answer. */
    public Optional<ValueSet> expand(Parameters request, String acceptLanguage) {
        if (acceptLanguage != null || !onlyParameters(request, EXPAND_PARAMETERS)) {
            return Optional.empty();
        }
        Optional<ValueSetMembers> compiled = membersOf(request);
        if (compiled.isEmpty() || compiled.get().inOrder().stream().anyMatch(member -> member.concept().inactive)) {
            return Optional.empty();
        }
        List<ValueSetMembers.Member> members = compiled.get().inOrder();
        ValueSet valueSet = valueSet(request);
        Integer count = request.hasParameter("count") ? integer(request, "count") : null;
        int offset = request.hasParameter("offset") ? integer(request, "offset") : 0;
        if (count == null && members.size() > maximumExpansionSize) {
            throw TerminologyFailure.of(422, IssueType.TOOCOSTLY, "The expansion of " + valueSet.getVersionedUrl() + " has " + members.size()
                    + " concepts, more than this server's limit of " + maximumExpansionSize + "; page it with count and offset, or filter it");
        }
        int from = Math.min(offset, members.size());
        int to = count == null ? members.size() : (int) Math.min((long) from + count, members.size());

        ValueSet expanded = valueSet.copy();
        expanded.setCompose(null);
        ValueSet.ValueSetExpansionComponent expansion = expanded.getExpansion();
        expansion.setIdentifier("urn:uuid:" + UUID.randomUUID());
        expansion.setTimestampElement(DateTimeType.now());
        expansion.setTotal(members.size());
        if (request.hasParameter("offset")) {
            expansion.setOffset(offset);
        }
        members.stream().map(ValueSetMembers.Member::codeSystem).distinct().forEach(codeSystem ->
                expansion.addParameter().setName("used-codesystem").setValue(new UriType(codeSystem.version() == null
                        ? codeSystem.system() : codeSystem.system() + "|" + codeSystem.version())));
        for (String echoed : List.of("offset", "count", "activeOnly")) {
            if (request.hasParameter(echoed)) {
                expansion.addParameter().setName(echoed).setValue(request.getParameterValue(echoed).copy());
            }
        }
        for (ValueSetMembers.Member member : members.subList(from, to)) {
            ValueSet.ValueSetExpansionContainsComponent contains = expansion.addContains().setSystem(member.codeSystem().system())
                    .setCode(member.concept().code).setDisplay(member.concept().display);
            if (member.codeSystem().version() != null) {
                contains.setVersion(member.codeSystem().version());
            }
        }
        return Optional.of(expanded);
    }

    private Optional<ValueSetMembers> membersOf(Parameters request) {
        if (!request.hasParameter("url")) {
            return Optional.empty();
        }
        ValueSet valueSet = valueSet(request);
        if (valueSet == null) {
            return Optional.empty();
        }
        return valueSets.computeIfAbsent(valueSet.getUrl() + "|" + valueSet.getVersion(),
                key -> ValueSetMembers.compile(valueSet, (system, version) -> codeSystem(system, version).filter(ConceptIndex::complete)));
    }

    private ValueSet valueSet(Parameters request) {
        String url = request.getParameterValue("url").primitiveValue();
        String version = request.hasParameter("valueSetVersion") ? request.getParameterValue("valueSetVersion").primitiveValue() : null;
        return version != null ? worker.fetchResource(ValueSet.class, url, version, null) : worker.fetchResource(ValueSet.class, url);
    }

    private Optional<ConceptIndex> codeSystem(String system, String version) {
        return codeSystems.computeIfAbsent(system + "|" + version, key -> {
            CodeSystem codeSystem = version != null ? worker.fetchCodeSystem(system, version, null) : worker.fetchCodeSystem(system);
            boolean indexable = codeSystem != null && (codeSystem.getContent() == CodeSystemContentMode.COMPLETE
                    || codeSystem.getContent() == CodeSystemContentMode.FRAGMENT);
            if (!indexable || codeSystem.hasSupplements()
                    || !worker.fetchResourcesByType(CodeSystem.class).stream().noneMatch(other -> system.equals(other.getSupplements()))) {
                return Optional.empty();
            }
            return Optional.of(ConceptIndex.of(codeSystem));
        });
    }

    private static boolean onlyParameters(Parameters request, Set<String> allowed) {
        for (ParametersParameterComponent parameter : request.getParameter()) {
            if (!allowed.contains(parameter.getName())) {
                return false;
            }
        }
        return true;
    }

    private static int integer(Parameters request, String name) {
        String text = request.getParameterValue(name) == null ? null : request.getParameterValue(name).primitiveValue();
        try {
            int value = Integer.parseInt(text);
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw TerminologyFailure.of(400, IssueType.INVALID, "The parameter '" + name + "' must be a non-negative integer, not '" + text + "'");
    }
}
