package rhix.mpi.api.fhir;

import java.util.List;
import rhix.mpi.index.EnterpriseIdentity;
import rhix.mpi.index.RegisteredRecord;

/**
 * One enterprise identity as the FHIR API shows it.
 *
 * @param records  the local records linked to it now (none for a retired identity: a merge moves them)
 * @param replaced the identities merged into it, which its Patient lists as {@code replaces}
 */
public record PersonView(EnterpriseIdentity identity, List<RegisteredRecord> records, List<String> replaced) {

    public PersonView {
        records = List.copyOf(records);
        replaced = List.copyOf(replaced);
    }
}
