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
import ca.uhn.fhir.rest.param.ReferenceAndListParam;
import ca.uhn.fhir.rest.param.TokenAndListParam;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IAnyResource;
import org.hl7.fhir.r4.model.Provenance;
import rhix.fhir.facade.store.ResourceRepository;

/**
 * Provenance: read, vread, history, and search by target, patient, agent, entity, recorded time. Every parameter
 * takes OR lists; the search also takes {@code _id}, {@code _lastUpdated}, {@code _sort}, {@code _include} and
 * {@code _revinclude} (the values allowed are listed below and in the CapabilityStatement).
 */
public class ProvenanceProvider extends StoredResourceProvider<Provenance> {

    public ProvenanceProvider(FhirContext fhirContext, ResourceRepository repository) {
        super(fhirContext, repository, Provenance.class);
    }

    @Search
    public IBundleProvider search(@OptionalParam(name = IAnyResource.SP_RES_ID) TokenAndListParam id,
                                  @OptionalParam(name = Constants.PARAM_LASTUPDATED) DateRangeParam lastUpdated,
                                  @OptionalParam(name = Provenance.SP_TARGET,
                                          chainWhitelist = OptionalParam.ALLOW_CHAIN_NOTCHAINED)
                                  ReferenceAndListParam target,
                                  @OptionalParam(name = Provenance.SP_PATIENT,
                                          chainWhitelist = {OptionalParam.ALLOW_CHAIN_NOTCHAINED, "identifier", "name", "family"})
                                  ReferenceAndListParam patient,
                                  @OptionalParam(name = Provenance.SP_AGENT,
                                          chainWhitelist = OptionalParam.ALLOW_CHAIN_NOTCHAINED)
                                  ReferenceAndListParam agent,
                                  @OptionalParam(name = Provenance.SP_ENTITY,
                                          chainWhitelist = OptionalParam.ALLOW_CHAIN_NOTCHAINED)
                                  ReferenceAndListParam entity,
                                  @OptionalParam(name = Provenance.SP_RECORDED) DateRangeParam recorded,
                                  @Sort SortSpec sort,
                                  @IncludeParam(allow = {
                                          "Provenance:target", "Provenance:patient", "Provenance:agent", "Provenance:entity"})
                                  Set<Include> includes,
                                  @IncludeParam(reverse = true, allow = {"Provenance:target"})
                                  Set<Include> revIncludes) {
        return search(searchCriteria().id(id)
                .lastUpdated(lastUpdated)
                .reference(Provenance.SP_TARGET, target, null)
                .reference(Provenance.SP_PATIENT, patient, "Patient")
                .reference(Provenance.SP_AGENT, agent, null)
                .reference(Provenance.SP_ENTITY, entity, null)
                .date(Provenance.SP_RECORDED, recorded)
                .sort(sort, Provenance.SP_RECORDED)
                .include(includes, revIncludes));
    }
}
