package rhix.fhir.facade.audit;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IIdType;

/**
 * The versions a write made, handed from the write to the audit: a create has no id in its URL, and a
 * transaction touches many resources, so the AuditEvent names each version from here.
 */
public final class WrittenResources {

    private static final String KEY = WrittenResources.class.getName();

    private WrittenResources() {
    }

    public static void note(RequestDetails request, IIdType version) {
        of(request).add(version.getValue());
    }

    @SuppressWarnings("unchecked")
    static List<String> of(RequestDetails request) {
        return (List<String>) request.getUserData().computeIfAbsent(KEY, key -> new ArrayList<String>());
    }
}
