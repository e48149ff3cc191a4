package rhix.node.mpi;

import rhix.node.identity.LocalPatientIdentity;

/**
 * A patient's latest change the MPI has not yet accepted.
 *
 * @param changeNumber which change of the patient this is: the relay settles the row only if it is still the latest
 * @param identity     the traits to register, read when the change is sent (so only the latest go out);
 *                     null for a retraction, or for a registration whose traits are gone
 */
public record PendingChange(String patientId, MpiAction action, long changeNumber, LocalPatientIdentity identity) {
}
