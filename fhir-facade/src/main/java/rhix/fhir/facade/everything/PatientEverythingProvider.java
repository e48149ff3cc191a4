package rhix.fhir.facade.everything;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.model.valueset.BundleTypeEnum;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;
import rhix.fhir.facade.store.ResourceKey;
import rhix.fhir.facade.store.ResourceRepository;
import rhix.fhir.facade.store.StoredResource;

/**
 * {@code GET [base]/Patient/[id]/$everything}: what this node holds of one patient, the way a clinician
 * about to see them wants it (the Patient, their encounters, results, diagnoses, medication… and the
 * practitioners and organizations those name), paged like a search. Access logs (AuditEvent) are not
 * part of the record and are left out; ask for them with an AuditEvent search.
 */
public final class PatientEverythingProvider {

    /** What a record's resources refer to that a reader needs to make sense of them. */
    static final Set<String> REFERENCED_TYPES = Set.of("Practitioner", "PractitionerRole", "Organization", "Location",
            "Medication", "Device");
    static final int MAX_RESOURCES = 10_000;

    private final FhirContext fhirContext;
    private final ResourceRepository repository;

    public PatientEverythingProvider(FhirContext fhirContext, ResourceRepository repository) {
        this.fhirContext = fhirContext;
        this.repository = repository;
    }

    @Operation(name = "$everything", idempotent = true, type = Patient.class, bundleType = BundleTypeEnum.SEARCHSET)
    public IBundleProvider everything(@IdParam IdType patientId,
                                      @OperationParam(name = "_type", max = 1) StringType typeFilter) {
        StoredResource patient = repository.read("Patient", patientId.getIdPart())
                .orElseThrow(() -> new ResourceNotFoundException(patientId));
        if (patient.deleted()) {
            throw new ResourceGoneException(patientId.withVersion(Integer.toString(patient.versionId())));
        }
        Set<String> types = types(typeFilter);
        List<ResourceKey> keys = repository.everything(patientId.getIdPart(), types, REFERENCED_TYPES, MAX_RESOURCES);
        return new EverythingResults(fhirContext, repository, keys);
    }

    private Set<String> types(StringType typeFilter) {
        if (typeFilter == null || typeFilter.isEmpty()) {
            return Set.of();
        }
        Set<String> types = new LinkedHashSet<>();
        for (String type : Arrays.stream(typeFilter.getValue().split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList()) {
            if (!fhirContext.getResourceTypes().contains(type)) {
                throw new InvalidRequestException("_type: '" + type + "' is not an R4 resource type");
            }
            types.add(type);
        }
        return types;
    }
}
