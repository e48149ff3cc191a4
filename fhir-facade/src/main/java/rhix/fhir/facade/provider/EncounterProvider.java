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
import org.hl7.fhir.r4.model.Encounter;
import rhix.fhir.facade.store.ResourceRepository;

/**
 * Encounter: read, vread, history, and search by patient/subject, identifier, status, class, date, service
 * provider. Every parameter takes OR lists; the search also takes {@code _id}, {@code _lastUpdated}, {@code
 * _sort}, {@code _include} and {@code _revinclude} (the values allowed are listed below and in the
 * CapabilityStatement).
 */
public class EncounterProvider extends StoredResourceProvider<Encounter> {

    public EncounterProvider(FhirContext fhirContext, ResourceRepository repository) {
        super(fhirContext, repository, Encounter.class);
    }

    @Search
    public IBundleProvider search(@OptionalParam(name = IAnyResource.SP_RES_ID) TokenAndListParam id,
                                  @OptionalParam(name = Constants.PARAM_LASTUPDATED) DateRangeParam lastUpdated,
                                  @OptionalParam(name = Encounter.SP_SUBJECT,
                                          chainWhitelist = {OptionalParam.ALLOW_CHAIN_NOTCHAINED, "identifier", "name", "family"})
                                  ReferenceAndListParam subject,
                                  @OptionalParam(name = Encounter.SP_PATIENT,
                                          chainWhitelist = {OptionalParam.ALLOW_CHAIN_NOTCHAINED, "identifier", "name", "family"})
                                  ReferenceAndListParam patient,
                                  @OptionalParam(name = Encounter.SP_IDENTIFIER) TokenAndListParam identifier,
                                  @OptionalParam(name = Encounter.SP_STATUS) TokenAndListParam status,
                                  @OptionalParam(name = Encounter.SP_CLASS) TokenAndListParam encounterClass,
                                  @OptionalParam(name = Encounter.SP_DATE) DateRangeParam date,
                                  @OptionalParam(name = Encounter.SP_SERVICE_PROVIDER,
                                          chainWhitelist = OptionalParam.ALLOW_CHAIN_NOTCHAINED)
                                  ReferenceAndListParam serviceProvider,
                                  @Sort SortSpec sort,
                                  @IncludeParam(allow = {"Encounter:subject", "Encounter:patient", "Encounter:service-provider"})
                                  Set<Include> includes,
                                  @IncludeParam(reverse = true, allow = {
                                          "Observation:encounter", "DiagnosticReport:encounter", "Condition:encounter",
                                          "Procedure:encounter", "MedicationRequest:encounter", "ImagingStudy:encounter",
                                          "Provenance:target"})
                                  Set<Include> revIncludes) {
        return search(searchCriteria().id(id)
                .lastUpdated(lastUpdated)
                .reference(Encounter.SP_SUBJECT, subject, null)
                .reference(Encounter.SP_PATIENT, patient, "Patient")
                .token(Encounter.SP_IDENTIFIER, identifier)
                .token(Encounter.SP_STATUS, status)
                .token(Encounter.SP_CLASS, encounterClass)
                .date(Encounter.SP_DATE, date)
                .reference(Encounter.SP_SERVICE_PROVIDER, serviceProvider, null)
                .sort(sort, Encounter.SP_DATE)
                .include(includes, revIncludes));
    }
}
