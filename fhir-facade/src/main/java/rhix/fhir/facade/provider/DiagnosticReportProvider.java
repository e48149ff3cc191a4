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
import org.hl7.fhir.r4.model.DiagnosticReport;
import rhix.fhir.facade.store.ResourceRepository;

/**
 * DiagnosticReport: read, vread, history, and search by patient/subject, encounter, identifier, code, category,
 * status, date, issued, result, performer. Every parameter takes OR lists; the search also takes {@code _id},
 * {@code _lastUpdated}, {@code _sort}, {@code _include} and {@code _revinclude} (the values allowed are listed
 * below and in the CapabilityStatement).
 */
public class DiagnosticReportProvider extends StoredResourceProvider<DiagnosticReport> {

    public DiagnosticReportProvider(FhirContext fhirContext, ResourceRepository repository) {
        super(fhirContext, repository, DiagnosticReport.class);
    }

    @Search
    public IBundleProvider search(@OptionalParam(name = IAnyResource.SP_RES_ID) TokenAndListParam id,
                                  @OptionalParam(name = Constants.PARAM_LASTUPDATED) DateRangeParam lastUpdated,
                                  @OptionalParam(name = DiagnosticReport.SP_SUBJECT,
                                          chainWhitelist = {OptionalParam.ALLOW_CHAIN_NOTCHAINED, "identifier", "name", "family"})
                                  ReferenceAndListParam subject,
                                  @OptionalParam(name = DiagnosticReport.SP_PATIENT,
                                          chainWhitelist = {OptionalParam.ALLOW_CHAIN_NOTCHAINED, "identifier", "name", "family"})
                                  ReferenceAndListParam patient,
                                  @OptionalParam(name = DiagnosticReport.SP_ENCOUNTER,
                                          chainWhitelist = OptionalParam.ALLOW_CHAIN_NOTCHAINED)
                                  ReferenceAndListParam encounter,
                                  @OptionalParam(name = DiagnosticReport.SP_IDENTIFIER) TokenAndListParam identifier,
                                  @OptionalParam(name = DiagnosticReport.SP_CODE) TokenAndListParam code,
                                  @OptionalParam(name = DiagnosticReport.SP_CATEGORY) TokenAndListParam category,
                                  @OptionalParam(name = DiagnosticReport.SP_STATUS) TokenAndListParam status,
                                  @OptionalParam(name = DiagnosticReport.SP_DATE) DateRangeParam date,
                                  @OptionalParam(name = DiagnosticReport.SP_ISSUED) DateRangeParam issued,
                                  @OptionalParam(name = DiagnosticReport.SP_RESULT,
                                          chainWhitelist = OptionalParam.ALLOW_CHAIN_NOTCHAINED)
                                  ReferenceAndListParam result,
                                  @OptionalParam(name = DiagnosticReport.SP_PERFORMER,
                                          chainWhitelist = OptionalParam.ALLOW_CHAIN_NOTCHAINED)
                                  ReferenceAndListParam performer,
                                  @Sort SortSpec sort,
                                  @IncludeParam(allow = {
                                          "DiagnosticReport:subject", "DiagnosticReport:patient", "DiagnosticReport:encounter",
                                          "DiagnosticReport:result", "DiagnosticReport:performer"})
                                  Set<Include> includes,
                                  @IncludeParam(reverse = true, allow = {"Provenance:target"})
                                  Set<Include> revIncludes) {
        return search(searchCriteria().id(id)
                .lastUpdated(lastUpdated)
                .reference(DiagnosticReport.SP_SUBJECT, subject, null)
                .reference(DiagnosticReport.SP_PATIENT, patient, "Patient")
                .reference(DiagnosticReport.SP_ENCOUNTER, encounter, null)
                .token(DiagnosticReport.SP_IDENTIFIER, identifier)
                .token(DiagnosticReport.SP_CODE, code)
                .token(DiagnosticReport.SP_CATEGORY, category)
                .token(DiagnosticReport.SP_STATUS, status)
                .date(DiagnosticReport.SP_DATE, date)
                .date(DiagnosticReport.SP_ISSUED, issued)
                .reference(DiagnosticReport.SP_RESULT, result, null)
                .reference(DiagnosticReport.SP_PERFORMER, performer, null)
                .sort(sort, DiagnosticReport.SP_DATE, DiagnosticReport.SP_ISSUED)
                .include(includes, revIncludes));
    }
}
