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
import org.hl7.fhir.r4.model.Condition;
import rhix.fhir.facade.store.ResourceRepository;

/**
 * Condition: read, vread, history, and search by patient/subject, encounter, identifier, code, category,
 * clinical status, onset and recorded dates. Every parameter takes OR lists; the search also takes {@code _id},
 * {@code _lastUpdated}, {@code _sort}, {@code _include} and {@code _revinclude} (the values allowed are listed
 * below and in the CapabilityStatement).
 */
public class ConditionProvider extends StoredResourceProvider<Condition> {

    public ConditionProvider(FhirContext fhirContext, ResourceRepository repository) {
        super(fhirContext, repository, Condition.class);
    }

    @Search
    public IBundleProvider search(@OptionalParam(name = IAnyResource.SP_RES_ID) TokenAndListParam id,
                                  @OptionalParam(name = Constants.PARAM_LASTUPDATED) DateRangeParam lastUpdated,
                                  @OptionalParam(name = Condition.SP_SUBJECT,
                                          chainWhitelist = {OptionalParam.ALLOW_CHAIN_NOTCHAINED, "identifier", "name", "family"})
                                  ReferenceAndListParam subject,
                                  @OptionalParam(name = Condition.SP_PATIENT,
                                          chainWhitelist = {OptionalParam.ALLOW_CHAIN_NOTCHAINED, "identifier", "name", "family"})
                                  ReferenceAndListParam patient,
                                  @OptionalParam(name = Condition.SP_ENCOUNTER,
                                          chainWhitelist = OptionalParam.ALLOW_CHAIN_NOTCHAINED)
                                  ReferenceAndListParam encounter,
                                  @OptionalParam(name = Condition.SP_IDENTIFIER) TokenAndListParam identifier,
                                  @OptionalParam(name = Condition.SP_CODE) TokenAndListParam code,
                                  @OptionalParam(name = Condition.SP_CATEGORY) TokenAndListParam category,
                                  @OptionalParam(name = Condition.SP_CLINICAL_STATUS) TokenAndListParam clinicalStatus,
                                  @OptionalParam(name = Condition.SP_ONSET_DATE) DateRangeParam onsetDate,
                                  @OptionalParam(name = Condition.SP_RECORDED_DATE) DateRangeParam recordedDate,
                                  @Sort SortSpec sort,
                                  @IncludeParam(allow = {"Condition:subject", "Condition:patient", "Condition:encounter"})
                                  Set<Include> includes,
                                  @IncludeParam(reverse = true, allow = {"Provenance:target"})
                                  Set<Include> revIncludes) {
        return search(searchCriteria().id(id)
                .lastUpdated(lastUpdated)
                .reference(Condition.SP_SUBJECT, subject, null)
                .reference(Condition.SP_PATIENT, patient, "Patient")
                .reference(Condition.SP_ENCOUNTER, encounter, null)
                .token(Condition.SP_IDENTIFIER, identifier)
                .token(Condition.SP_CODE, code)
                .token(Condition.SP_CATEGORY, category)
                .token(Condition.SP_CLINICAL_STATUS, clinicalStatus)
                .date(Condition.SP_ONSET_DATE, onsetDate)
                .date(Condition.SP_RECORDED_DATE, recordedDate)
                .sort(sort, Condition.SP_ONSET_DATE, Condition.SP_RECORDED_DATE)
                .include(includes, revIncludes));
    }
}
