package rhix.fhir.facade.provider;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenParam;
import org.hl7.fhir.r4.model.Patient;
import rhix.fhir.facade.store.ResourceRepository;

/** Patient: read, vread, history, and search by id, identifier, name, family, gender, birth date. */
public class PatientProvider extends StoredResourceProvider<Patient> {

    public PatientProvider(FhirContext fhirContext, ResourceRepository repository) {
        super(fhirContext, repository, Patient.class);
    }

    @Search
    public IBundleProvider search(@OptionalParam(name = "_id") TokenParam id,
                                  @OptionalParam(name = Patient.SP_IDENTIFIER) TokenParam identifier,
                                  @OptionalParam(name = Patient.SP_NAME) StringParam name,
                                  @OptionalParam(name = Patient.SP_FAMILY) StringParam family,
                                  @OptionalParam(name = Patient.SP_GENDER) TokenParam gender,
                                  @OptionalParam(name = Patient.SP_BIRTHDATE) DateRangeParam birthDate) {
        return search(new SearchCriteria().id(id)
                .token(Patient.SP_IDENTIFIER, identifier)
                .text(Patient.SP_NAME, name)
                .text(Patient.SP_FAMILY, family)
                .token(Patient.SP_GENDER, gender)
                .date(Patient.SP_BIRTHDATE, birthDate)
                .build());
    }
}
