package rhix.node.exchange;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Specimen;
import org.hl7.fhir.r4.model.Type;
import rhix.api.exchange.v1.Coding;
import rhix.api.exchange.v1.OfferedResult;
import rhix.api.exchange.v1.ResultResourceType;
import rhix.fhir.facade.store.ResourceRepository;
import rhix.fhir.facade.store.SearchCriterion;
import rhix.fhir.facade.store.SortOrder;
import rhix.fhir.facade.store.StoredResource;
import rhix.node.NodeConfiguration;
import rhix.node.recognition.LocalConceptMaps;
import rhix.node.store.ResourceKey;
import rhix.node.store.ResourceStore;

/**
 * Finds a patient's results of some tests in this node's store through the store's own search (the index
 * tables the FHIR API searches: {@code subject}, {@code code} and {@code date} of Observation and
 * DiagnosticReport), newest first, and prepares them for release: the resource as stored less any contained
 * Patient, and the fields recognition rules need.
 */
@Singleton
public class ProviderResults {

    /** The resource types released as results, each with the store's search parameters named the same. */
    private static final Map<String, ResultResourceType> RESULT_TYPES = Map.of(
            "Observation", ResultResourceType.RESULT_RESOURCE_TYPE_OBSERVATION,
            "DiagnosticReport", ResultResourceType.RESULT_RESOURCE_TYPE_DIAGNOSTIC_REPORT);
    private static final List<String> SEARCH_ORDER = List.of("Observation", "DiagnosticReport");
    private static final Comparator<OfferedResult> NEWEST_FIRST = Comparator
            .comparing((OfferedResult result) -> result.hasEffectiveAt() ? instant(result.getEffectiveAt()) : Instant.MIN,
                    Comparator.reverseOrder())
            .thenComparing(OfferedResult::getResourceType)
            .thenComparing(OfferedResult::getResourceId);

    private static final String LOINC = "http://loinc.org";

    private final ResourceRepository repository;
    private final DataSource dataSource;
    private final ResourceStore store;
    private final FhirContext fhirContext;
    private final NodeConfiguration self;
    private final ExchangeProviderConfiguration configuration;
    private final LocalConceptMaps conceptMaps;

    public ProviderResults(ResourceRepository repository, DataSource dataSource, ResourceStore store,
                           FhirContext fhirContext, NodeConfiguration self, ExchangeProviderConfiguration configuration,
                           LocalConceptMaps conceptMaps) {
        this.repository = repository;
        this.dataSource = dataSource;
        this.store = store;
        this.fhirContext = fhirContext;
        this.self = self;
        this.configuration = configuration;
        this.conceptMaps = conceptMaps;
    }

    /** What one search released: the results, newest first, and whether more matched. */
    record Found(List<OfferedResult> results, boolean truncated) {
        Found {
            results = List.copyOf(results);
        }
    }

    /**
     * The query's results, at most {@code query.maxResults()}; {@code released_at} is left for the caller.
     *
     * @param checkpoint run before every statement against the store; throws to stop the search (the caller's
     *                   deadline passed, or the call was cancelled)
     * @throws SQLException or a {@link RuntimeException} caused by one when the store cannot answer
     */
    Found find(ResultQuery query, Runnable checkpoint) throws SQLException {
        List<Coding> searched = withLocalCodes(query.codings());
        List<SearchCriterion> criteria = criteria(query, searched);
        List<OfferedResult> found = new ArrayList<>();
        int matched = 0;
        for (String type : SEARCH_ORDER) {
            checkpoint.run();
            // One more than wanted tells whether the answer is truncated.
            List<String> ids = repository.search(type, criteria, List.of(new SortOrder("date", true)), query.maxResults() + 1);
            matched += ids.size();
            for (int from = 0; from < ids.size(); from += configuration.pageSize()) {
                checkpoint.run();
                List<StoredResource> page = repository.readAll(type, ids.subList(from, Math.min(ids.size(), from + configuration.pageSize())));
                found.addAll(prepare(type, page, query.codings(), searched));
            }
        }
        found.sort(NEWEST_FIRST);
        boolean truncated = matched > query.maxResults();
        return new Found(found.subList(0, Math.min(found.size(), query.maxResults())), truncated);
    }

    /**
     * The requested codes and, for each LOINC one, this node's local codes that map to it: hospitals store lab
     * results under their own codes, and a requester asks in LOINC because it cannot know them.
     */
    private List<Coding> withLocalCodes(List<Coding> requested) {
        List<Coding> searched = new ArrayList<>(requested);
        for (Coding coding : requested) {
            if (coding.getSystem().equals(LOINC)) {
                for (String source : conceptMaps.sourceCodingsFor(coding.getCode())) {
                    int bar = source.lastIndexOf('|');
                    searched.add(Coding.newBuilder().setSystem(source.substring(0, bar)).setCode(source.substring(bar + 1)).build());
                }
            }
        }
        return searched;
    }

    private static List<SearchCriterion> criteria(ResultQuery query, List<Coding> searched) {
        List<SearchCriterion> criteria = new ArrayList<>();
        criteria.add(new SearchCriterion.AnyOf("subject", query.patientIds().stream()
                .map(id -> (SearchCriterion) new SearchCriterion.Reference("subject", "Patient", id)).toList()));
        criteria.add(new SearchCriterion.AnyOf("code", searched.stream()
                .map(coding -> (SearchCriterion) new SearchCriterion.Token("code",
                        coding.getSystem().isEmpty() ? null : coding.getSystem(), coding.getCode()))
                .toList()));
        query.notBefore().ifPresent(notBefore -> criteria.add(
                new SearchCriterion.Date("date", SearchCriterion.DatePrefix.GT, notBefore, notBefore)));
        return criteria;
    }

    private List<OfferedResult> prepare(String type, List<StoredResource> page, List<Coding> requested, List<Coding> searched)
            throws SQLException {
        IParser parser = fhirContext.newJsonParser();
        Map<ResourceKey, String> producers;
        try (Connection connection = dataSource.getConnection()) {
            producers = store.producers(connection, page.stream()
                    .map(stored -> new ResourceKey(stored.resourceType(), stored.resourceId())).toList());
        }
        List<DomainResource> resources = new ArrayList<>(page.size());
        Set<String> specimenIds = new LinkedHashSet<>();
        for (StoredResource stored : page) {
            DomainResource resource = (DomainResource) parser.parseResource(stored.json());
            resources.add(resource);
            if (resource instanceof Observation observation && observation.hasSpecimen()) {
                specimenId(observation.getSpecimen()).ifPresent(specimenIds::add);
            }
        }
        Map<String, Specimen> specimens = new HashMap<>();
        if (!specimenIds.isEmpty()) {
            for (StoredResource stored : repository.readAll("Specimen", List.copyOf(specimenIds))) {
                specimens.put(stored.resourceId(), (Specimen) parser.parseResource(stored.json()));
            }
        }
        List<OfferedResult> results = new ArrayList<>(page.size());
        for (int i = 0; i < page.size(); i++) {
            StoredResource stored = page.get(i);
            DomainResource resource = resources.get(i);
            OfferedResult.Builder result = OfferedResult.newBuilder()
                    .setNodeId(self.id())
                    .setResourceType(RESULT_TYPES.get(type))
                    .setResourceId(stored.resourceId())
                    .setVersionId(stored.versionId())
                    .setResourceJson(minimumNecessary(stored, resource, parser));
            CodeableConcept code = switch (resource) {
                case Observation observation -> observation.getCode();
                case DiagnosticReport report -> report.getCode();
                default -> new CodeableConcept();
            };
            code.getCoding().forEach(coding -> result.addCodes(coding(coding)));
            // The requested code it answers: a local code found through its LOINC mapping answers that LOINC code.
            requested.stream().filter(wanted -> matches(wanted, code)).findFirst()
                    .or(() -> searched.stream().filter(local -> matches(local, code)).findFirst()
                            .flatMap(local -> conceptMaps.loincFor(local.getSystem(), local.getCode()))
                            .flatMap(loinc -> requested.stream().filter(wanted -> wanted.getSystem().equals(LOINC)
                                    && wanted.getCode().equals(loinc)).findFirst()))
                    .ifPresent(result::setMatchedCode);
            effective(resource).ifPresent(at -> result.setEffectiveAt(timestamp(at)));
            if (resource instanceof Observation observation) {
                specimenType(observation, specimens).ifPresent(result::setSpecimenCode);
                if (observation.hasMethod() && observation.getMethod().hasCoding()) {
                    result.setMethodCode(coding(observation.getMethod().getCodingFirstRep()));
                }
            }
            String producer = producers.get(new ResourceKey(type, stored.resourceId()));
            if (producer != null) {
                result.setProducerOrganizationId(producer);
            }
            results.add(result.build());
        }
        return results;
    }

    /**
     * The stored JSON, unless it says who the patient is: a contained Patient, or a reference to the patient that
     * carries a display (a name) or an identifier (a resident ID). The requester has its own record of the patient
     * and needs none of that, so the resource is re-encoded without them: a contained Patient is removed and the
     * references to it reduced to a display saying it was withheld (so none dangles, and the encoder does not
     * contain it again); a reference to a stored Patient keeps only its reference.
     */
    private ByteString minimumNecessary(StoredResource stored, DomainResource resource, IParser parser) {
        List<Reference> references = fhirContext.newTerser().getAllPopulatedChildElementsOfType(resource, Reference.class);
        if (resource.getContained().stream().noneMatch(Patient.class::isInstance)
                && references.stream().noneMatch(ProviderResults::identifiesPatient)) {
            return ByteString.copyFrom(stored.json(), StandardCharsets.UTF_8);
        }
        DomainResource copy = resource.copy();
        Set<String> withheld = new java.util.HashSet<>();
        copy.getContained().stream().filter(Patient.class::isInstance)
                .forEach(patient -> withheld.add(localId(patient.getIdElement().getValue())));
        copy.getContained().removeIf(Patient.class::isInstance);
        for (Reference reference : fhirContext.newTerser().getAllPopulatedChildElementsOfType(copy, Reference.class)) {
            boolean toWithheld = reference.getResource() instanceof Patient
                    || (reference.getReference() != null && reference.getReference().startsWith("#")
                    && withheld.contains(localId(reference.getReference())));
            if (toWithheld) {
                reference.setResource(null);
                reference.setReference(null);
                reference.setDisplay("patient details withheld (minimum necessary)");
            } else if (identifiesPatient(reference)) {
                reference.setDisplay(null);
                reference.setIdentifier(null);
            }
        }
        return ByteString.copyFrom(parser.encodeResourceToString(copy), StandardCharsets.UTF_8);
    }

    /** A reference to a stored Patient that names them (display) or carries one of their identifiers. */
    private static boolean identifiesPatient(Reference reference) {
        return reference.getReference() != null && reference.getReference().startsWith("Patient/")
                && (reference.hasDisplay() || reference.hasIdentifier());
    }

    private static String localId(String id) {
        return id == null ? "" : id.startsWith("#") ? id.substring(1) : id;
    }

    private static boolean matches(Coding wanted, CodeableConcept code) {
        return code.getCoding().stream().anyMatch(coding -> wanted.getCode().equals(coding.getCode())
                && (wanted.getSystem().isEmpty() || wanted.getSystem().equals(coding.getSystem())));
    }

    private static Optional<Instant> effective(Resource resource) {
        Type effective = switch (resource) {
            case Observation observation -> observation.getEffective();
            case DiagnosticReport report -> report.getEffective();
            default -> null;
        };
        Date at = switch (effective) {
            case DateTimeType dateTime -> dateTime.getValue();
            case InstantType instant -> instant.getValue();
            case Period period -> period.getStart();
            case null, default -> null;
        };
        return Optional.ofNullable(at).map(Date::toInstant);
    }

    /** The id of a stored Specimen the reference names; contained specimens are read from the resource itself. */
    private static Optional<String> specimenId(Reference reference) {
        String value = reference.getReference();
        if (value == null || !value.startsWith("Specimen/")) {
            return Optional.empty();
        }
        return Optional.of(value.substring("Specimen/".length()).split("/")[0]);
    }

    private static Optional<Coding> specimenType(Observation observation, Map<String, Specimen> stored) {
        Reference reference = observation.getSpecimen();
        Specimen specimen = null;
        if (reference.getResource() instanceof Specimen contained) {
            specimen = contained;
        } else if (reference.getReference() != null && reference.getReference().startsWith("#")) {
            String id = reference.getReference().substring(1);
            specimen = observation.getContained().stream().filter(Specimen.class::isInstance).map(Specimen.class::cast)
                    .filter(candidate -> id.equals(candidate.getIdElement().getIdPart())
                            || ("#" + id).equals(candidate.getId()))
                    .findFirst().orElse(null);
        } else {
            specimen = specimenId(reference).map(stored::get).orElse(null);
        }
        if (specimen == null || !specimen.hasType() || !specimen.getType().hasCoding()) {
            return Optional.empty();
        }
        return Optional.of(coding(specimen.getType().getCodingFirstRep()));
    }

    private static Coding coding(org.hl7.fhir.r4.model.Coding coding) {
        return Coding.newBuilder().setSystem(coding.hasSystem() ? coding.getSystem() : "")
                .setCode(coding.hasCode() ? coding.getCode() : "").build();
    }

    static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    static Instant instant(Timestamp timestamp) {
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    }
}
