package rhix.fhir.facade.provider;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.rest.annotation.IncludeParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Sort;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.StringAndListParam;
import ca.uhn.fhir.rest.param.TokenAndListParam;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IAnyResource;
import org.hl7.fhir.r4.model.Organization;
import rhix.fhir.facade.store.ResourceRepository;

/**
 * Organization: read, vread, history, and search by identifier and name. Every parameter takes OR lists; the
 * search also takes {@code _id}, {@code _lastUpdated}, {@code _sort} and {@code _revinclude} (the values allowed
 * are listed below and in the CapabilityStatement).
 */
public class OrganizationProvider extends StoredResourceProvider<Organization> {

    public OrganizationProvider(FhirContext fhirContext, ResourceRepository repository) {
        super(fhirContext, repository, Organization.class);
    }

    @Search
    public IBundleProvider search(@OptionalParam(name = IAnyResource.SP_RES_ID) TokenAndListParam id,
                                  @OptionalParam(name = Constants.PARAM_LASTUPDATED) DateRangeParam lastUpdated,
                                  @OptionalParam(name = Organization.SP_IDENTIFIER) TokenAndListParam identifier,
                                  @OptionalParam(name = Organization.SP_NAME) StringAndListParam name,
                                  @Sort SortSpec sort,
                                  @IncludeParam(reverse = true, allow = {"Encounter:service-provider", "Provenance:target"})
                                  Set<Include> revIncludes) {
        return search(searchCriteria().id(id)
                .lastUpdated(lastUpdated)
                .token(Organization.SP_IDENTIFIER, identifier)
                .text(Organization.SP_NAME, name)
                .sort(sort)
                .include(null, revIncludes));
    }
}
