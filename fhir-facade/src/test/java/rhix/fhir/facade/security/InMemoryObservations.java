package rhix.fhir.facade.security;

import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.Delete;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;

/**
 * A hand-written fake store with every interaction the security rules distinguish (read, search,
 * create, update, delete), so the rules are tested on a real HAPI server before the node has writes.
 */
final class InMemoryObservations implements IResourceProvider {

    private final Map<String, Observation> observations = new ConcurrentHashMap<>();
    private final AtomicInteger nextId = new AtomicInteger(1);

    @Override
    public Class<Observation> getResourceType() {
        return Observation.class;
    }

    void put(String id, String patient) {
        Observation observation = new Observation();
        observation.setId(id);
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.getCode().addCoding().setSystem("http://loinc.org").setCode("2345-7");
        observation.getSubject().setReference("Patient/" + patient);
        observations.put(id, observation);
    }

    @Read
    public Observation read(@IdParam IdType id) {
        Observation observation = observations.get(id.getIdPart());
        if (observation == null) {
            throw new ResourceNotFoundException(id);
        }
        return observation;
    }

    @Search
    public List<Observation> search(@OptionalParam(name = Observation.SP_PATIENT) ReferenceParam patient) {
        return observations.values().stream()
                .filter(observation -> patient == null
                        || observation.getSubject().getReferenceElement().getIdPart().equals(patient.getIdPart()))
                .toList();
    }

    @Create
    public MethodOutcome create(@ResourceParam Observation observation) {
        String id = "new-" + nextId.getAndIncrement();
        observation.setId(id);
        observations.put(id, observation);
        return new MethodOutcome(new IdType("Observation", id), true);
    }

    @Update
    public MethodOutcome update(@IdParam IdType id, @ResourceParam Observation observation) {
        observation.setIdElement(id.toUnqualifiedVersionless());
        observations.put(id.getIdPart(), observation);
        return new MethodOutcome(id);
    }

    @Delete
    public MethodOutcome delete(@IdParam IdType id) {
        observations.remove(id.getIdPart());
        return new MethodOutcome(id);
    }
}
