package rhix.node.store.search;

import static rhix.node.store.search.IndexedParameter.date;
import static rhix.node.store.search.IndexedParameter.reference;
import static rhix.node.store.search.IndexedParameter.string;
import static rhix.node.store.search.IndexedParameter.token;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeSearchParam;
import java.util.List;
import java.util.Map;

/**
 * The search parameters the node store indexes, per resource type: the ones clinicians and
 * systems use (identifier, patient/subject, code, category, status, dates). Names and types are
 * FHIR R4's; {@link #verifiedAgainst} checks them against HAPI's definitions at start-up so a typo
 * cannot silently index nothing.
 */
public final class IndexedParameters {

    private static final List<IndexedParameter> CLINICAL_COMMON = List.of(
            reference("subject", "subject"),
            reference("patient", "subject"),
            reference("encounter", "encounter"),
            token("identifier", "identifier"));

    private static final Map<String, List<IndexedParameter>> BY_TYPE = Map.ofEntries(
            Map.entry("Patient", List.of(
                    token("identifier", "identifier"),
                    token("gender", "gender"),
                    date("birthdate", "birthDate"),
                    string("name", "name"),
                    string("family", "name.family"),
                    token("phone", "telecom"),
                    string("address", "address"))),
            Map.entry("Practitioner", List.of(
                    token("identifier", "identifier"),
                    string("name", "name"))),
            Map.entry("Organization", List.of(
                    token("identifier", "identifier"),
                    string("name", "name"))),
            Map.entry("Encounter", List.of(
                    reference("subject", "subject"),
                    reference("patient", "subject"),
                    token("identifier", "identifier"),
                    token("status", "status"),
                    token("class", "class"),
                    date("date", "period"),
                    reference("service-provider", "serviceProvider"))),
            Map.entry("Observation", concat(CLINICAL_COMMON, List.of(
                    token("code", "code"),
                    token("category", "category"),
                    token("status", "status"),
                    date("date", "effective"),
                    reference("performer", "performer")))),
            Map.entry("DiagnosticReport", concat(CLINICAL_COMMON, List.of(
                    token("code", "code"),
                    token("category", "category"),
                    token("status", "status"),
                    date("date", "effective"),
                    date("issued", "issued"),
                    reference("result", "result"),
                    reference("performer", "performer")))),
            Map.entry("Condition", concat(CLINICAL_COMMON, List.of(
                    token("code", "code"),
                    token("category", "category"),
                    token("clinical-status", "clinicalStatus"),
                    date("onset-date", "onset"),
                    date("recorded-date", "recordedDate")))),
            Map.entry("ImagingStudy", List.of(
                    reference("subject", "subject"),
                    reference("patient", "subject"),
                    reference("encounter", "encounter"),
                    token("identifier", "identifier"),
                    token("status", "status"),
                    token("modality", "modality"),
                    date("started", "started"))),
            Map.entry("Procedure", concat(CLINICAL_COMMON, List.of(
                    token("code", "code"),
                    token("status", "status"),
                    date("date", "performed")))),
            Map.entry("MedicationRequest", concat(CLINICAL_COMMON, List.of(
                    token("code", "medication"),
                    token("status", "status"),
                    date("authoredon", "authoredOn")))),
            Map.entry("AllergyIntolerance", List.of(
                    reference("patient", "patient"),
                    token("identifier", "identifier"),
                    token("code", "code"),
                    token("clinical-status", "clinicalStatus"),
                    date("date", "recordedDate"))),
            Map.entry("AuditEvent", List.of(
                    date("date", "recorded"),
                    reference("entity", "entity.what"),
                    token("subtype", "subtype"),
                    token("action", "action"),
                    token("outcome", "outcome"))),
            Map.entry("Provenance", List.of(
                    reference("target", "target"),
                    reference("patient", "target"),
                    reference("agent", "agent.who"),
                    reference("entity", "entity.what"),
                    date("recorded", "recorded"))),
            Map.entry("Consent", List.of(
                    reference("patient", "patient"),
                    token("identifier", "identifier"),
                    token("status", "status"),
                    token("category", "category"),
                    token("scope", "scope"),
                    date("date", "dateTime"),
                    token("action", "provision.action"),
                    token("purpose", "provision.purpose"))),
            Map.entry("DocumentReference", List.of(
                    reference("subject", "subject"),
                    reference("patient", "subject"),
                    token("identifier", "identifier"),
                    token("type", "type"),
                    token("status", "status"),
                    date("date", "date"))));

    private IndexedParameters() {
    }

    /** The parameters indexed for {@code resourceType}; empty for types only stored, not searched. */
    public static List<IndexedParameter> forType(String resourceType) {
        return BY_TYPE.getOrDefault(resourceType, List.of());
    }

    /** The resource types with indexed parameters. */
    public static java.util.Set<String> resourceTypes() {
        return BY_TYPE.keySet();
    }

    /**
     * Fails when a parameter is not a standard R4 search parameter of its type, or has another
     * type there: the table above must stay a subset of the specification.
     */
    public static void verifiedAgainst(FhirContext fhirContext) {
        BY_TYPE.forEach((resourceType, parameters) -> {
            var definition = fhirContext.getResourceDefinition(resourceType);
            for (IndexedParameter parameter : parameters) {
                RuntimeSearchParam standard = definition.getSearchParam(parameter.name());
                if (standard == null || standard.getParamType() != parameter.type()) {
                    throw new IllegalStateException("indexed parameter " + resourceType + "." + parameter.name()
                            + " is not an R4 " + parameter.type() + " search parameter");
                }
            }
        });
    }

    @SafeVarargs
    private static List<IndexedParameter> concat(List<IndexedParameter>... lists) {
        return java.util.Arrays.stream(lists).flatMap(List::stream).toList();
    }
}
