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
import org.hl7.fhir.r4.model.MedicationRequest;
import rhix.fhir.facade.store.ResourceRepository;

/**
 * MedicationRequest: read, vread, history, and search by patient/subject, encounter, identifier, medication
 * code, status, authored date. Every parameter takes OR lists; the search also takes {@code _id}, {@code
 * _lastUpdated}, {@code _sort}, {@code _include} and {@code _revinclude} (the values allowed are listed below
 * and in the CapabilityStatement).
 */
public class MedicationRequestProvider extends StoredResourceProvider<MedicationRequest> {

    public MedicationRequestProvider(FhirContext fhirContext, ResourceRepository repository) {
        super(fhirContext, repository, MedicationRequest.class);
    }

    @Search
    public IBundleProvider search(@OptionalParam(name = IAnyResource.SP_RES_ID) TokenAndListParam id,
                                  @OptionalParam(name = Constants.PARAM_LASTUPDATED) DateRangeParam lastUpdated,
                                  @OptionalParam(name = MedicationRequest.SP_SUBJECT,
                                          chainWhitelist = {OptionalParam.ALLOW_CHAIN_NOTCHAINED, "identifier", "name", "family"})
                                  ReferenceAndListParam subject,
                                  @OptionalParam(name = MedicationRequest.SP_PATIENT,
                                          chainWhitelist = {OptionalParam.ALLOW_CHAIN_NOTCHAINED, "identifier", "name", "family"})
                                  ReferenceAndListParam patient,
                                  @OptionalParam(name = MedicationRequest.SP_ENCOUNTER,
                                          chainWhitelist = OptionalParam.ALLOW_CHAIN_NOTCHAINED)
                                  ReferenceAndListParam encounter,
                                  @OptionalParam(name = MedicationRequest.SP_IDENTIFIER) TokenAndListParam identifier,
                                  @OptionalParam(name = MedicationRequest.SP_CODE) TokenAndListParam code,
                                  @OptionalParam(name = MedicationRequest.SP_STATUS) TokenAndListParam status,
                                  @OptionalParam(name = MedicationRequest.SP_AUTHOREDON) DateRangeParam authoredOn,
                                  @Sort SortSpec sort,
                                  @IncludeParam(allow = {
                                          "MedicationRequest:subject", "MedicationRequest:patient", "MedicationRequest:encounter"})
                                  Set<Include> includes,
                                  @IncludeParam(reverse = true, allow = {"Provenance:target"})
                                  Set<Include> revIncludes) {
        return search(searchCriteria().id(id)
                .lastUpdated(lastUpdated)
                .reference(MedicationRequest.SP_SUBJECT, subject, null)
                .reference(MedicationRequest.SP_PATIENT, patient, "Patient")
                .reference(MedicationRequest.SP_ENCOUNTER, encounter, null)
                .token(MedicationRequest.SP_IDENTIFIER, identifier)
                .token(MedicationRequest.SP_CODE, code)
                .token(MedicationRequest.SP_STATUS, status)
                .date(MedicationRequest.SP_AUTHOREDON, authoredOn)
                .sort(sort, MedicationRequest.SP_AUTHOREDON)
                .include(includes, revIncludes));
    }
}
