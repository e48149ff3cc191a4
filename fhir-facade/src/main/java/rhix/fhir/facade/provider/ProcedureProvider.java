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
import org.hl7.fhir.r4.model.Procedure;
import rhix.fhir.facade.store.ResourceRepository;

/**
 * Procedure: read, vread, history, and search by patient/subject, encounter, identifier, code, status, date.
 * Every parameter takes OR lists; the search also takes {@code _id}, {@code _lastUpdated}, {@code _sort}, {@code
 * _include} and {@code _revinclude} (the values allowed are listed below and in the CapabilityStatement).
 */
public class ProcedureProvider extends StoredResourceProvider<Procedure> {

    public ProcedureProvider(FhirContext fhirContext, ResourceRepository repository) {
        super(fhirContext, repository, Procedure.class);
    }

    @Search
    public IBundleProvider search(@OptionalParam(name = IAnyResource.SP_RES_ID) TokenAndListParam id,
                                  @OptionalParam(name = Constants.PARAM_LASTUPDATED) DateRangeParam lastUpdated,
                                  @OptionalParam(name = Procedure.SP_SUBJECT,
                                          chainWhitelist = {OptionalParam.ALLOW_CHAIN_NOTCHAINED, "identifier", "name", "family"})
                                  ReferenceAndListParam subject,
                                  @OptionalParam(name = Procedure.SP_PATIENT,
                                          chainWhitelist = {OptionalParam.ALLOW_CHAIN_NOTCHAINED, "identifier", "name", "family"})
                                  ReferenceAndListParam patient,
                                  @OptionalParam(name = Procedure.SP_ENCOUNTER,
                                          chainWhitelist = OptionalParam.ALLOW_CHAIN_NOTCHAINED)
                                  ReferenceAndListParam encounter,
                                  @OptionalParam(name = Procedure.SP_IDENTIFIER) TokenAndListParam identifier,
                                  @OptionalParam(name = Procedure.SP_CODE) TokenAndListParam code,
                                  @OptionalParam(name = Procedure.SP_STATUS) TokenAndListParam status,
                                  @OptionalParam(name = Procedure.SP_DATE) DateRangeParam date,
                                  @Sort SortSpec sort,
                                  @IncludeParam(allow = {"Procedure:subject", "Procedure:patient", "Procedure:encounter"})
                                  Set<Include> includes,
                                  @IncludeParam(reverse = true, allow = {"Provenance:target"})
                                  Set<Include> revIncludes) {
        return search(searchCriteria().id(id)
                .lastUpdated(lastUpdated)
                .reference(Procedure.SP_SUBJECT, subject, null)
                .reference(Procedure.SP_PATIENT, patient, "Patient")
                .reference(Procedure.SP_ENCOUNTER, encounter, null)
                .token(Procedure.SP_IDENTIFIER, identifier)
                .token(Procedure.SP_CODE, code)
                .token(Procedure.SP_STATUS, status)
                .date(Procedure.SP_DATE, date)
                .sort(sort, Procedure.SP_DATE)
                .include(includes, revIncludes));
    }
}
