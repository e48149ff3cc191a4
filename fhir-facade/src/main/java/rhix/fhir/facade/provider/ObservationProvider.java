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
import org.hl7.fhir.r4.model.Observation;
import rhix.fhir.facade.store.ResourceRepository;

/**
 * Observation: read, vread, history, and search by patient/subject, encounter, identifier, code, category,
 * status, date, performer. Every parameter takes OR lists; the search also takes {@code _id}, {@code
 * _lastUpdated}, {@code _sort}, {@code _include} and {@code _revinclude} (the values allowed are listed below
 * and in the CapabilityStatement).
 */
public class ObservationProvider extends StoredResourceProvider<Observation> {

    public ObservationProvider(FhirContext fhirContext, ResourceRepository repository) {
        super(fhirContext, repository, Observation.class);
    }

    @Search
    public IBundleProvider search(@OptionalParam(name = IAnyResource.SP_RES_ID) TokenAndListParam id,
                                  @OptionalParam(name = Constants.PARAM_LASTUPDATED) DateRangeParam lastUpdated,
                                  @OptionalParam(name = Observation.SP_SUBJECT,
                                          chainWhitelist = {OptionalParam.ALLOW_CHAIN_NOTCHAINED, "identifier", "name", "family"})
                                  ReferenceAndListParam subject,
                                  @OptionalParam(name = Observation.SP_PATIENT,
                                          chainWhitelist = {OptionalParam.ALLOW_CHAIN_NOTCHAINED, "identifier", "name", "family"})
                                  ReferenceAndListParam patient,
                                  @OptionalParam(name = Observation.SP_ENCOUNTER,
                                          chainWhitelist = OptionalParam.ALLOW_CHAIN_NOTCHAINED)
                                  ReferenceAndListParam encounter,
                                  @OptionalParam(name = Observation.SP_IDENTIFIER) TokenAndListParam identifier,
                                  @OptionalParam(name = Observation.SP_CODE) TokenAndListParam code,
                                  @OptionalParam(name = Observation.SP_CATEGORY) TokenAndListParam category,
                                  @OptionalParam(name = Observation.SP_STATUS) TokenAndListParam status,
                                  @OptionalParam(name = Observation.SP_DATE) DateRangeParam date,
                                  @OptionalParam(name = Observation.SP_PERFORMER,
                                          chainWhitelist = OptionalParam.ALLOW_CHAIN_NOTCHAINED)
                                  ReferenceAndListParam performer,
                                  @Sort SortSpec sort,
                                  @IncludeParam(allow = {
                                          "Observation:subject", "Observation:patient", "Observation:encounter",
                                          "Observation:performer"})
                                  Set<Include> includes,
                                  @IncludeParam(reverse = true, allow = {"DiagnosticReport:result", "Provenance:target"})
                                  Set<Include> revIncludes) {
        return search(searchCriteria().id(id)
                .lastUpdated(lastUpdated)
                .reference(Observation.SP_SUBJECT, subject, null)
                .reference(Observation.SP_PATIENT, patient, "Patient")
                .reference(Observation.SP_ENCOUNTER, encounter, null)
                .token(Observation.SP_IDENTIFIER, identifier)
                .token(Observation.SP_CODE, code)
                .token(Observation.SP_CATEGORY, category)
                .token(Observation.SP_STATUS, status)
                .date(Observation.SP_DATE, date)
                .reference(Observation.SP_PERFORMER, performer, null)
                .sort(sort, Observation.SP_DATE)
                .include(includes, revIncludes));
    }
}
