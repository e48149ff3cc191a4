package rhix.fhir.facade.provider;

import ca.uhn.fhir.context.FhirContext;
import java.util.Date;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Resource;
import rhix.fhir.facade.store.StoredResource;

/** Turns a stored version into the resource a client sees: the source's JSON with the store's version and time. */
public final class StoredResources {

    private StoredResources() {
    }

    public static IBaseResource toResource(FhirContext fhirContext, StoredResource stored) {
        Resource resource = (Resource) fhirContext.newJsonParser().parseResource(stored.json());
        resource.setId(stored.resourceType() + "/" + stored.resourceId() + "/_history/" + stored.versionId());
        resource.getMeta().setVersionId(Integer.toString(stored.versionId()));
        resource.getMeta().setLastUpdated(Date.from(stored.lastUpdated()));
        return resource;
    }
}
