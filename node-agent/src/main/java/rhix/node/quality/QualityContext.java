package rhix.node.quality;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Patient;
import rhix.node.store.ResourceKey;
import rhix.node.terminology.CodeChecks;

/** What rules may consult besides the resource: the batch's patients, the time, the thresholds, the terminology. */
public record QualityContext(Map<ResourceKey, Patient> patientsInBatch, Instant now, Duration reportingDeadline,
                             CodeChecks codes) {

    public Optional<Patient> patient(String reference) {
        if (reference == null || !reference.startsWith("Patient/")) {
            return Optional.empty();
        }
        return Optional.ofNullable(patientsInBatch.get(new ResourceKey("Patient", reference.substring("Patient/".length()))));
    }
}
