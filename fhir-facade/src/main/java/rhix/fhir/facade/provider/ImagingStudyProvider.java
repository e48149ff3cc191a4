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
import org.hl7.fhir.r4.model.ImagingStudy;
import rhix.fhir.facade.store.ResourceRepository;

/**
 * ImagingStudy: read, vread, history, and search by patient/subject, encounter, identifier, status, modality,
 * start. Every parameter takes OR lists; the search also takes {@code _id}, {@code _lastUpdated}, {@code _sort},
 * {@code _include} and {@code _revinclude} (the values allowed are listed below and in the CapabilityStatement).
 */
public class ImagingStudyProvider extends StoredResourceProvider<ImagingStudy> {

    public ImagingStudyProvider(FhirContext fhirContext, ResourceRepository repository) {
        super(fhirContext, repository, ImagingStudy.class);
    }

    @Search
    public IBundleProvider search(@OptionalParam(name = IAnyResource.SP_RES_ID) TokenAndListParam id,
                                  @OptionalParam(name = Constants.PARAM_LASTUPDATED) DateRangeParam lastUpdated,
                                  @OptionalParam(name = ImagingStudy.SP_SUBJECT,
                                          chainWhitelist = {OptionalParam.ALLOW_CHAIN_NOTCHAINED, "identifier", "name", "family"})
                                  ReferenceAndListParam subject,
                                  @OptionalParam(name = ImagingStudy.SP_PATIENT,
                                          chainWhitelist = {OptionalParam.ALLOW_CHAIN_NOTCHAINED, "identifier", "name", "family"})
                                  ReferenceAndListParam patient,
                                  @OptionalParam(name = ImagingStudy.SP_ENCOUNTER,
                                          chainWhitelist = OptionalParam.ALLOW_CHAIN_NOTCHAINED)
                                  ReferenceAndListParam encounter,
                                  @OptionalParam(name = ImagingStudy.SP_IDENTIFIER) TokenAndListParam identifier,
                                  @OptionalParam(name = ImagingStudy.SP_STATUS) TokenAndListParam status,
                                  @OptionalParam(name = ImagingStudy.SP_MODALITY) TokenAndListParam modality,
                                  @OptionalParam(name = ImagingStudy.SP_STARTED) DateRangeParam started,
                                  @Sort SortSpec sort,
                                  @IncludeParam(allow = {
                                          "ImagingStudy:subject", "ImagingStudy:patient", "ImagingStudy:encounter"})
                                  Set<Include> includes,
                                  @IncludeParam(reverse = true, allow = {"Provenance:target"})
                                  Set<Include> revIncludes) {
        return search(searchCriteria().id(id)
                .lastUpdated(lastUpdated)
                .reference(ImagingStudy.SP_SUBJECT, subject, null)
                .reference(ImagingStudy.SP_PATIENT, patient, "Patient")
                .reference(ImagingStudy.SP_ENCOUNTER, encounter, null)
                .token(ImagingStudy.SP_IDENTIFIER, identifier)
                .token(ImagingStudy.SP_STATUS, status)
                .token(ImagingStudy.SP_MODALITY, modality)
                .date(ImagingStudy.SP_STARTED, started)
                .sort(sort, ImagingStudy.SP_STARTED)
                .include(includes, revIncludes));
    }
}
