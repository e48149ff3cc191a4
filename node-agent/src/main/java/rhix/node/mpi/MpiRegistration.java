package rhix.node.mpi;

import java.time.Instant;

/**
 * Where one local patient stands with the MPI.
 *
 * @param action       the latest change queued for the patient
 * @param enterpriseId the enterprise identity the MPI last linked the patient to; kept while a newer change is
 *                     pending, cleared once a retraction is accepted
 * @param lastError    why the latest attempt failed (the MPI's refusal for FAILED), null after success
 */
public record MpiRegistration(String patientId, MpiAction action, MpiDeliveryState state, int attempts, String lastError,
                              Instant sentAt, String enterpriseId, MpiLinkOutcome linkOutcome) {
}
