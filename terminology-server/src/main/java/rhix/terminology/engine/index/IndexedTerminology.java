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
import org.hl7.fhir.r5.model.OperationOutcome;
import org.hl7.fhir.r5.model.OperationOutcome.IssueType;
import org.hl7.fhir.r5.model.StringType;
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
        if (members.isEmpty()) {
            return Optional.empty();
        }
        ValueSetMembers.Member member = members.get().member(system, code);
        if (member == null) {
            // A refusal is answered here only for a bare code of a system the value set includes; anything else
            // (a Coding, a display to check) has more to word, and the core engine words it.
            boolean bareCode = request.hasParameter("code") && display == null;
            return bareCode ? members.get().codeSystem(system).flatMap(held -> notInValueSet(valueSet(request), held, code))
                    : Optional.empty();
        }
        if (member.concept().inactive || display != null && !display.equals(member.concept().display)) {
            return Optional.empty();
        }
        return Optional.of(positive(system, code, member.codeSystem().version(), member.concept().display));
    }

    /**
     * The core engine's answer, parameter for parameter and issue for issue, for a code that is not in the value set:
     * either a concept of the included system outside the value set, or a code the system does not define.
     */
    private static Optional<Parameters> notInValueSet(ValueSet valueSet, ConceptIndex codeSystem, String code) {
        if (codeSystem.version() == null || !codeSystem.complete()) {
            return Optional.empty();
        }
        String system = codeSystem.system();
        ConceptIndex.Entry concept = codeSystem.get(code);
        String notInValueSet = "The provided code '" + system + "#" + code + "' was not found in the value set '" + valueSet.getVersionedUrl() + "'";
        String unknownCode = "Unknown code '" + code + "' in the CodeSystem '" + system + "' version '" + codeSystem.version() + "'";
        Parameters answer = new Parameters();
        answer.addParameter("system", new UriType(system));
        answer.addParameter("code", new org.hl7.fhir.r5.model.CodeType(code));
        answer.addParameter("result", false);
        answer.addParameter("message", concept == null ? notInValueSet + "; " + unknownCode : notInValueSet);
        if (concept != null) {
            answer.addParameter("version", codeSystem.version());
            if (concept.display != null) {
                answer.addParameter("display", concept.display);
            }
        }
        OperationOutcome issues = new OperationOutcome();
        if (concept == null) {
            issue(issues, "Unknown_Code_in_Version", "invalid-code", unknownCode);
        }
        issue(issues, "None_of_the_provided_codes_are_in_the_value_set_one", "not-in-vs", notInValueSet);
        answer.addParameter().setName("issues").setResource(issues);
        return Optional.of(answer);
    }

    private static void issue(OperationOutcome outcome, String messageId, String txIssueType, String text) {
        OperationOutcome.OperationOutcomeIssueComponent issue = outcome.addIssue();
        issue.addExtension("http://hl7.org/fhir/StructureDefinition/operationoutcome-message-id", new StringType(messageId));
        issue.setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(IssueType.CODEINVALID);
        issue.getDetails().addCoding("http://hl7.org/fhir/tools/CodeSystem/tx-issue-type", txIssueType, null);
        issue.getDetails().setText(text);
        issue.addExpression("code");
    }

    /**
     * A code a fragment does not hold. The core engine says only that it cannot validate without a terminology
     * service, which is this server; the region's answer is that the code is not in the subset it publishes (the
     * full system may still define it), so a node records a finding it can act on.
     */
    private static Parameters notInFragment(ConceptIndex fragment, String code) {
        String message = "The code '" + code + "' is not in the region's subset of " + fragment.system()
                + (fragment.version() == null ? "" : " (version " + fragment.version() + ")")
                + ", which holds only part of that code system: it may exist in the full system but is not published in this region";
        Parameters answer = new Parameters();
        answer.addParameter("system", new UriType(fragment.system()));
        answer.addParameter("code", new org.hl7.fhir.r5.model.CodeType(code));
        answer.addParameter("result", false);
        answer.addParameter("message", message);
        if (fragment.version() != null) {
            answer.addParameter("version", fragment.version());
        }
        OperationOutcome issues = new OperationOutcome();
        OperationOutcome.OperationOutcomeIssueComponent issue = issues.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(IssueType.CODEINVALID);
        issue.getDetails().addCoding("http://hl7.org/fhir/tools/CodeSystem/tx-issue-type", "invalid-code", null);
        issue.getDetails().setText(message);
        issue.addExpression("code");
        answer.addParameter().setName("issues").setResource(issues);
        return answer;
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
        Optional<ConceptIndex> held = codeSystem(system, version);
        ConceptIndex.Entry concept = held.map(index -> index.get(code)).orElse(null);
        if (concept == null && held.isPresent() && !held.get().complete() && display == null) {
            return Optional.of(notInFragment(held.get(), code));
        }
        if (concept == null || concept.inactive || display != null && !display.equals(concept.display)) {
            return Optional.empty();
        }
        return Optional.of(positive(system, code, held.get().version(), concept.display));
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
            // A supplement (or a system that is one) changes displays and properties: the core engine's case.
            boolean supplemented = codeSystem != null && (codeSystem.hasSupplements()
                    || worker.fetchResourcesByType(CodeSystem.class).stream().anyMatch(other -> system.equals(other.getSupplements())));
            if (!indexable || supplemented) {
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
