package rhix.mpi.api.fhir;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import rhix.identity.PatientTraits;
import rhix.mpi.index.ActivePolicy;
import rhix.mpi.index.MasterPatientIndex;
import rhix.mpi.index.MasterPatientIndex.ScoredIdentity;
import rhix.mpi.index.MatchingPolicy;
import rhix.mpi.index.VectorCode;
import rhix.mpi.match.IdentityRecord;

/**
 * {@code Patient/$match} (FHIR R4): the enterprise identities a Patient resembles, scored by the same model
 * and thresholds the index links records with, without registering anything. Each entry carries
 * {@code search.score}, the model's probability that the probe and the identity's most similar record
 * are one person, and the {@code match-grade} extension ({@link MatchGrade}).
 */
final class PatientMatchOperation {

    static final String NAME = "$match";
    /** The node id probes are compared under: no registered record has it, so none is skipped as the probe itself. */
    static final String PROBE_NODE = "$match";
    static final int DEFAULT_COUNT = 10;

    private final MasterPatientIndex index;
    private final ActivePolicy policy;
    private final EnterprisePatients patients;
    private final int maximumCount;

    PatientMatchOperation(MasterPatientIndex index, ActivePolicy policy, EnterprisePatients patients, int maximumCount) {
        this.index = index;
        this.policy = policy;
        this.patients = patients;
        this.maximumCount = maximumCount;
    }

    /**
     * @param onlyCertainMatches as FHIR defines it: only {@code certain} matches, and none at all when more than
     *                           one identity is certain (the caller could not act on an ambiguous answer)
     * @param count              the most identities returned (default 10, at most the server's maximum page size)
     */
    @Operation(name = NAME, type = Patient.class, idempotent = false)
    public Bundle match(@OperationParam(name = "resource", min = 1, max = 1) Patient resource,
                        @OperationParam(name = "onlyCertainMatches", max = 1) BooleanType onlyCertainMatches,
                        @OperationParam(name = "count", max = 1) IntegerType count,
                        RequestDetails request) {
        if (resource == null) {
            throw new InvalidRequestException("$match needs the Patient to match as the 'resource' parameter");
        }
        int limit = limit(count);
        boolean onlyCertain = onlyCertainMatches != null && onlyCertainMatches.booleanValue();
        PatientTraits traits = PatientTraits.of(resource);
        IdentityRecord probe = IdentityRecord.of(PROBE_NODE, UUID.randomUUID().toString(), traits.nameZh(), traits.namePinyin(),
                traits.gender(), traits.birthDate(), traits.residentIdText(), traits.phone(), traits.divisionCode());
        requireMatchable(probe);
        MatchingPolicy current = policy.policy();
        List<ScoredIdentity> candidates = index.match(probe, onlyCertain ? Math.max(limit, 2) : limit);
        List<OperationOutcome.OperationOutcomeIssueComponent> notes = new ArrayList<>();
        if (probe.hasInvalidResidentId()) {
            notes.add(issue(OperationOutcome.IssueSeverity.WARNING, OperationOutcome.IssueType.VALUE,
                    "the resident ID " + probe.rawResidentId() + " fails the GB 11643 check (length, date or check digit): it was"
                            + " not used to match; the other traits were", "Patient.identifier"));
        }
        if (onlyCertain) {
            List<ScoredIdentity> certain = candidates.stream()
                    .filter(candidate -> MatchGrade.of(candidate.score(), current) == MatchGrade.CERTAIN).toList();
            if (certain.size() > 1) {
                notes.add(issue(OperationOutcome.IssueSeverity.INFORMATION, OperationOutcome.IssueType.MULTIPLEMATCHES,
                        certain.size() + " identities match with certainty, so none is returned with onlyCertainMatches=true;"
                                + " ask without it to see them graded", null));
                certain = List.of();
            }
            candidates = certain;
        }
        return bundle(candidates.stream().limit(limit).toList(), current, notes, request.getFhirServerBase());
    }

    private Bundle bundle(List<ScoredIdentity> candidates, MatchingPolicy current,
                          List<OperationOutcome.OperationOutcomeIssueComponent> notes, String base) {
        Map<String, PersonView> people = new LinkedHashMap<>();
        patients.read(candidates.stream().map(ScoredIdentity::enterpriseId).toList())
                .forEach(view -> people.put(view.identity().enterpriseId(), view));
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        bundle.setId(UUID.randomUUID().toString());
        bundle.getMeta().setLastUpdated(new java.util.Date());
        for (ScoredIdentity candidate : candidates) {
            PersonView person = people.get(candidate.enterpriseId());
            if (person == null) {
                continue; // merged or retracted between scoring and reading: no longer a candidate
            }
            Bundle.BundleEntryComponent entry = bundle.addEntry()
                    .setFullUrl(base + "/Patient/" + candidate.enterpriseId())
                    .setResource(GoldenPatient.of(person));
            entry.getSearch().setMode(Bundle.SearchEntryMode.MATCH)
                    .setScoreElement(new DecimalType(score(candidate, current)))
                    .addExtension(MatchGrade.EXTENSION_URL, new CodeType(MatchGrade.of(candidate.score(), current).code()));
        }
        bundle.setTotal(bundle.getEntry().size());
        if (!notes.isEmpty()) {
            OperationOutcome outcome = new OperationOutcome();
            outcome.setId(UUID.randomUUID().toString());
            notes.forEach(outcome::addIssue);
            bundle.addEntry().setFullUrl("urn:uuid:" + outcome.getIdPart()).setResource(outcome)
                    .getSearch().setMode(Bundle.SearchEntryMode.OUTCOME);
        }
        return bundle;
    }

    /** The posterior probability, rounded to 4 places: more digits would claim a precision the model lacks. */
    private static java.math.BigDecimal score(ScoredIdentity candidate, MatchingPolicy current) {
        double probability = current.model().matchProbability(VectorCode.parse(candidate.vector()));
        return java.math.BigDecimal.valueOf(probability).setScale(4, java.math.RoundingMode.HALF_UP);
    }

    private int limit(IntegerType count) {
        if (count == null || count.getValue() == null) {
            return Math.min(DEFAULT_COUNT, maximumCount);
        }
        if (count.getValue() < 1) {
            throw new InvalidRequestException("count must be at least 1, was " + count.getValue());
        }
        return Math.min(count.getValue(), maximumCount);
    }

    /**
     * The index's own rule for what can be matched at all (a valid resident ID, or a name and a full birth
     * date): a probe without either would be compared on chance agreements only.
     */
    private static void requireMatchable(IdentityRecord probe) {
        boolean named = present(probe.nameZh()) || present(probe.namePinyin());
        if (probe.residentId() != null || (named && probe.birthDate() != null)) {
            return;
        }
        OperationOutcome outcome = new OperationOutcome();
        String why = "the Patient cannot be matched: it needs a valid resident ID (identifier with system "
                + rhix.fhir.RhixNamingSystems.RESIDENT_ID + ") or a name and a full birth date; it has "
                + (probe.hasInvalidResidentId() ? "an invalid resident ID" : "no resident ID")
                + (named ? ", a name" : ", no name") + (probe.birthDate() != null ? ", a birth date" : ", no full birth date");
        outcome.addIssue(issue(OperationOutcome.IssueSeverity.ERROR, OperationOutcome.IssueType.REQUIRED, why, "Patient"));
        throw new UnprocessableEntityException(why, outcome);
    }

    private static OperationOutcome.OperationOutcomeIssueComponent issue(OperationOutcome.IssueSeverity severity,
                                                                          OperationOutcome.IssueType type, String diagnostics,
                                                                          String expression) {
        OperationOutcome.OperationOutcomeIssueComponent issue = new OperationOutcome.OperationOutcomeIssueComponent()
                .setSeverity(severity).setCode(type).setDiagnostics(diagnostics);
        if (expression != null) {
            issue.addExpression(expression);
        }
        return issue;
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
