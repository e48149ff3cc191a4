package rhix.fhir.facade.provider;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.model.api.ResourceMetadataKeyEnum;
import ca.uhn.fhir.model.valueset.BundleEntryTransactionMethodEnum;
import java.util.Date;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Resource;
import rhix.fhir.facade.store.StoredResource;

/** Turns a stored version into the resource a client sees: the source's JSON with the store's version and time. */
final class StoredResources {

    private StoredResources() {
    }

    static IBaseResource toResource(FhirContext fhirContext, StoredResource stored) {
        Resource resource = (Resource) fhirContext.newJsonParser().parseResource(stored.json());
        resource.setId(stored.resourceType() + "/" + stored.resourceId() + "/_history/" + stored.versionId());
        resource.getMeta().setVersionId(Integer.toString(stored.versionId()));
        resource.getMeta().setLastUpdated(Date.from(stored.lastUpdated()));
        return resource;
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
