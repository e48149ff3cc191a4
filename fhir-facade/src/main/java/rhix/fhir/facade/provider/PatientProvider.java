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
import ca.uhn.fhir.rest.param.StringAndListParam;
import ca.uhn.fhir.rest.param.TokenAndListParam;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IAnyResource;
import org.hl7.fhir.r4.model.Patient;
import rhix.fhir.facade.store.ResourceRepository;

/**
 * Patient: read, vread, history, and search by identifier, name, family, gender, birth date, phone, address.
 * Every parameter takes OR lists; the search also takes {@code _id}, {@code _lastUpdated}, {@code _sort} and
 * {@code _revinclude} (the values allowed are listed below and in the CapabilityStatement).
 */
public class PatientProvider extends StoredResourceProvider<Patient> {

    public PatientProvider(FhirContext fhirContext, ResourceRepository repository) {
        super(fhirContext, repository, Patient.class);
    }

    @Search
    public IBundleProvider search(@OptionalParam(name = IAnyResource.SP_RES_ID) TokenAndListParam id,
                                  @OptionalParam(name = Constants.PARAM_LASTUPDATED) DateRangeParam lastUpdated,
                                  @OptionalParam(name = Patient.SP_IDENTIFIER) TokenAndListParam identifier,
                                  @OptionalParam(name = Patient.SP_NAME) StringAndListParam name,
                                  @OptionalParam(name = Patient.SP_FAMILY) StringAndListParam family,
                                  @OptionalParam(name = Patient.SP_GENDER) TokenAndListParam gender,
                                  @OptionalParam(name = Patient.SP_BIRTHDATE) DateRangeParam birthDate,
                                  @OptionalParam(name = Patient.SP_PHONE) TokenAndListParam phone,
                                  @OptionalParam(name = Patient.SP_ADDRESS) StringAndListParam address,
                                  @Sort SortSpec sort,
                                  @IncludeParam(reverse = true, allow = {
                                          "Observation:subject", "Observation:patient", "Encounter:subject", "Encounter:patient",
                                          "Condition:subject", "Condition:patient", "DiagnosticReport:subject",
                                          "DiagnosticReport:patient", "ImagingStudy:patient", "Procedure:patient",
                                          "MedicationRequest:patient", "AllergyIntolerance:patient", "DocumentReference:patient",
                                          "Consent:patient", "Provenance:target", "Provenance:patient"})
                                  Set<Include> revIncludes) {
        return search(searchCriteria().id(id)
                .lastUpdated(lastUpdated)
                .token(Patient.SP_IDENTIFIER, identifier)
                .text(Patient.SP_NAME, name)
                .text(Patient.SP_FAMILY, family)
                .token(Patient.SP_GENDER, gender)
                .date(Patient.SP_BIRTHDATE, birthDate)
                .token(Patient.SP_PHONE, phone)
                .text(Patient.SP_ADDRESS, address)
                .sort(sort, Patient.SP_BIRTHDATE)
                .include(null, revIncludes));
    }
}
