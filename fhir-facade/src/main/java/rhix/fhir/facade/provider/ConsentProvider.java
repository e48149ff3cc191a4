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
import org.hl7.fhir.r4.model.Consent;
import rhix.fhir.facade.store.ResourceRepository;

/**
 * Consent: read, vread, history, and search by patient, identifier, status, category, scope, date, action,
 * purpose. Every parameter takes OR lists; the search also takes {@code _id}, {@code _lastUpdated}, {@code
 * _sort}, {@code _include} and {@code _revinclude} (the values allowed are listed below and in the
 * CapabilityStatement).
 */
public class ConsentProvider extends StoredResourceProvider<Consent> {

    public ConsentProvider(FhirContext fhirContext, ResourceRepository repository) {
        super(fhirContext, repository, Consent.class);
    }

    @Search
    public IBundleProvider search(@OptionalParam(name = IAnyResource.SP_RES_ID) TokenAndListParam id,
                                  @OptionalParam(name = Constants.PARAM_LASTUPDATED) DateRangeParam lastUpdated,
                                  @OptionalParam(name = Consent.SP_PATIENT,
                                          chainWhitelist = {OptionalParam.ALLOW_CHAIN_NOTCHAINED, "identifier", "name", "family"})
                                  ReferenceAndListParam patient,
                                  @OptionalParam(name = Consent.SP_IDENTIFIER) TokenAndListParam identifier,
                                  @OptionalParam(name = Consent.SP_STATUS) TokenAndListParam status,
                                  @OptionalParam(name = Consent.SP_CATEGORY) TokenAndListParam category,
                                  @OptionalParam(name = Consent.SP_SCOPE) TokenAndListParam scope,
                                  @OptionalParam(name = Consent.SP_DATE) DateRangeParam date,
                                  @OptionalParam(name = Consent.SP_ACTION) TokenAndListParam action,
                                  @OptionalParam(name = Consent.SP_PURPOSE) TokenAndListParam purpose,
                                  @Sort SortSpec sort,
                                  @IncludeParam(allow = {"Consent:patient"})
                                  Set<Include> includes,
                                  @IncludeParam(reverse = true, allow = {"Provenance:target"})
                                  Set<Include> revIncludes) {
        return search(searchCriteria().id(id)
                .lastUpdated(lastUpdated)
                .reference(Consent.SP_PATIENT, patient, "Patient")
                .token(Consent.SP_IDENTIFIER, identifier)
                .token(Consent.SP_STATUS, status)
                .token(Consent.SP_CATEGORY, category)
                .token(Consent.SP_SCOPE, scope)
                .date(Consent.SP_DATE, date)
                .token(Consent.SP_ACTION, action)
                .token(Consent.SP_PURPOSE, purpose)
                .sort(sort, Consent.SP_DATE)
                .include(includes, revIncludes));
    }
}
