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
import org.hl7.fhir.r4.model.AllergyIntolerance;
import rhix.fhir.facade.store.ResourceRepository;

/**
 * AllergyIntolerance: read, vread, history, and search by patient, identifier, code, clinical status, recorded
 * date. Every parameter takes OR lists; the search also takes {@code _id}, {@code _lastUpdated}, {@code _sort},
 * {@code _include} and {@code _revinclude} (the values allowed are listed below and in the CapabilityStatement).
 */
public class AllergyIntoleranceProvider extends StoredResourceProvider<AllergyIntolerance> {

    public AllergyIntoleranceProvider(FhirContext fhirContext, ResourceRepository repository) {
        super(fhirContext, repository, AllergyIntolerance.class);
    }

    @Search
    public IBundleProvider search(@OptionalParam(name = IAnyResource.SP_RES_ID) TokenAndListParam id,
                                  @OptionalParam(name = Constants.PARAM_LASTUPDATED) DateRangeParam lastUpdated,
                                  @OptionalParam(name = AllergyIntolerance.SP_PATIENT,
                                          chainWhitelist = {OptionalParam.ALLOW_CHAIN_NOTCHAINED, "identifier", "name", "family"})
                                  ReferenceAndListParam patient,
                                  @OptionalParam(name = AllergyIntolerance.SP_IDENTIFIER) TokenAndListParam identifier,
                                  @OptionalParam(name = AllergyIntolerance.SP_CODE) TokenAndListParam code,
                                  @OptionalParam(name = AllergyIntolerance.SP_CLINICAL_STATUS) TokenAndListParam clinicalStatus,
                                  @OptionalParam(name = AllergyIntolerance.SP_DATE) DateRangeParam date,
                                  @Sort SortSpec sort,
                                  @IncludeParam(allow = {"AllergyIntolerance:patient"})
                                  Set<Include> includes,
                                  @IncludeParam(reverse = true, allow = {"Provenance:target"})
                                  Set<Include> revIncludes) {
        return search(searchCriteria().id(id)
                .lastUpdated(lastUpdated)
                .reference(AllergyIntolerance.SP_PATIENT, patient, "Patient")
                .token(AllergyIntolerance.SP_IDENTIFIER, identifier)
                .token(AllergyIntolerance.SP_CODE, code)
                .token(AllergyIntolerance.SP_CLINICAL_STATUS, clinicalStatus)
                .date(AllergyIntolerance.SP_DATE, date)
                .sort(sort, AllergyIntolerance.SP_DATE)
                .include(includes, revIncludes));
    }
}
