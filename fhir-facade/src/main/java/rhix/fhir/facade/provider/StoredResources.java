package rhix.fhir.facade.provider;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.model.api.ResourceMetadataKeyEnum;
import ca.uhn.fhir.model.valueset.BundleEntryTransactionMethodEnum;
import java.util.Date;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Resource;
import rhix.fhir.facade.store.StoredResource;

/**
 * Turns a stored version into the resource a client sees: the source's JSON with the store's version
 * and time. The resource also carries the stored version, so that a plain JSON read can be answered with
 * the stored JSON instead of encoding it again (see {@code StoredJsonResponder}).
 */
public final class StoredResources {

    /** User data key of the stored version a resource was read from: what a plain read can send as it is. */
    public static final String STORED_VERSION = "rhix.fhir.storedVersion";
    private static final String ID_MEMBER = "\",\"id\":\"";

    private StoredResources() {
    }

    public static IBaseResource toResource(FhirContext fhirContext, StoredResource stored) {
        Resource resource = (Resource) fhirContext.newJsonParser().parseResource(stored.json());
        InstantType lastUpdated = new InstantType(Date.from(stored.lastUpdated()));
        resource.setId(stored.resourceType() + "/" + stored.resourceId() + "/_history/" + stored.versionId());
        resource.getMeta().setVersionId(Integer.toString(stored.versionId()));
        resource.getMeta().setLastUpdatedElement(lastUpdated);
        // Kept, not spliced here: only a plain read needs the JSON as stored, searches do not.
        resource.setUserData(STORED_VERSION, stored);
        return resource;
    }

    /**
     * The stored JSON with {@code meta.versionId} and {@code meta.lastUpdated} where HAPI's encoder puts
     * them: right after {@code id}, first in {@code meta}. The store keeps HAPI-encoded JSON without those
     * two, so this is byte for byte what parsing and encoding again would give. Null when the JSON does
     * not start the way HAPI writes it; the caller then encodes as usual.
     */
    public static String servableJson(StoredResource stored, String lastUpdated) {
        String json = stored.json();
        String start = "{\"resourceType\":\"" + stored.resourceType() + ID_MEMBER + stored.resourceId() + "\"";
        if (!json.startsWith(start)) {
            return null;
        }
        String versionAndTime = "\"versionId\":\"" + stored.versionId() + "\",\"lastUpdated\":\"" + lastUpdated + "\"";
        String rest = json.substring(start.length());
        if (rest.startsWith(",\"meta\":{}")) {
            return null;
        }
        if (rest.startsWith(",\"meta\":{")) {
            return start + ",\"meta\":{" + versionAndTime + "," + rest.substring(",\"meta\":{".length());
        }
        return start + ",\"meta\":{" + versionAndTime + "}" + rest;
    }

    /**
     * A version as a history entry. R4 requires {@code entry.request} in history bundles (invariant
     * bdl-3); HAPI's bundle factory writes it, and the response status, from the entry's transaction
     * method: POST for the first version, PUT for the later ones, DELETE for a deletion.
     */
    static IBaseResource toHistoryEntry(FhirContext fhirContext, StoredResource stored) {
        Resource resource = (Resource) toResource(fhirContext, stored);
        BundleEntryTransactionMethodEnum method = stored.deleted() ? BundleEntryTransactionMethodEnum.DELETE
                : stored.versionId() == 1 ? BundleEntryTransactionMethodEnum.POST : BundleEntryTransactionMethodEnum.PUT;
        ResourceMetadataKeyEnum.ENTRY_TRANSACTION_METHOD.put(resource, method);
        return resource;
    }
}
