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
import org.hl7.fhir.r4.model.DocumentReference;
import rhix.fhir.facade.store.ResourceRepository;

/**
 * DocumentReference: read, vread, history, and search by patient/subject, identifier, type, status, date. Every
 * parameter takes OR lists; the search also takes {@code _id}, {@code _lastUpdated}, {@code _sort}, {@code
 * _include} and {@code _revinclude} (the values allowed are listed below and in the CapabilityStatement).
 */
public class DocumentReferenceProvider extends StoredResourceProvider<DocumentReference> {

    public DocumentReferenceProvider(FhirContext fhirContext, ResourceRepository repository) {
        super(fhirContext, repository, DocumentReference.class);
    }

    @Search
    public IBundleProvider search(@OptionalParam(name = IAnyResource.SP_RES_ID) TokenAndListParam id,
                                  @OptionalParam(name = Constants.PARAM_LASTUPDATED) DateRangeParam lastUpdated,
                                  @OptionalParam(name = DocumentReference.SP_SUBJECT,
                                          chainWhitelist = {OptionalParam.ALLOW_CHAIN_NOTCHAINED, "identifier", "name", "family"})
                                  ReferenceAndListParam subject,
                                  @OptionalParam(name = DocumentReference.SP_PATIENT,
                                          chainWhitelist = {OptionalParam.ALLOW_CHAIN_NOTCHAINED, "identifier", "name", "family"})
                                  ReferenceAndListParam patient,
                                  @OptionalParam(name = DocumentReference.SP_IDENTIFIER) TokenAndListParam identifier,
                                  @OptionalParam(name = DocumentReference.SP_TYPE) TokenAndListParam type,
                                  @OptionalParam(name = DocumentReference.SP_STATUS) TokenAndListParam status,
                                  @OptionalParam(name = DocumentReference.SP_DATE) DateRangeParam date,
                                  @Sort SortSpec sort,
                                  @IncludeParam(allow = {"DocumentReference:subject", "DocumentReference:patient"})
                                  Set<Include> includes,
                                  @IncludeParam(reverse = true, allow = {"Provenance:target"})
                                  Set<Include> revIncludes) {
        return search(searchCriteria().id(id)
                .lastUpdated(lastUpdated)
                .reference(DocumentReference.SP_SUBJECT, subject, null)
                .reference(DocumentReference.SP_PATIENT, patient, "Patient")
                .token(DocumentReference.SP_IDENTIFIER, identifier)
                .token(DocumentReference.SP_TYPE, type)
                .token(DocumentReference.SP_STATUS, status)
                .date(DocumentReference.SP_DATE, date)
                .sort(sort, DocumentReference.SP_DATE)
                .include(includes, revIncludes));
    }
}
