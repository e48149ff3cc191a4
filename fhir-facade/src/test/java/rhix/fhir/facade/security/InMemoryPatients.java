package rhix.fhir.facade.security;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;

/** A fake Patient store with read and {@code $everything} (the patient and their Observations). */
final class InMemoryPatients implements IResourceProvider {

    private final Set<String> ids;
    private final InMemoryObservations observations;

    InMemoryPatients(Set<String> ids, InMemoryObservations observations) {
        this.ids = Set.copyOf(ids);
        this.observations = observations;
    }

    @Override
    public Class<Patient> getResourceType() {
        return Patient.class;
    }

    @Read
    public Patient read(@IdParam IdType id) {
        if (!ids.contains(id.getIdPart())) {
            throw new ResourceNotFoundException(id);
        }
        Patient patient = new Patient();
        patient.setId(id.toUnqualifiedVersionless());
        return patient;
    }

    @Operation(name = "$everything", idempotent = true)
    public Bundle everything(@IdParam IdType id) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        bundle.addEntry().setResource(read(id));
        observations.search(null).stream()
                .filter(observation -> observation.getSubject().getReferenceElement().getIdPart().equals(id.getIdPart()))
                .forEach(observation -> bundle.addEntry().setResource(observation));
        return bundle;
    }
}
