package rhix.fhir.facade.provider;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import org.hl7.fhir.r4.model.Observation;
import rhix.fhir.facade.store.ResourceRepository;

/** Observation: read, vread, history, and search by patient/subject, code, category, status, date. */
public class ObservationProvider extends StoredResourceProvider<Observation> {

    public ObservationProvider(FhirContext fhirContext, ResourceRepository repository) {
        super(fhirContext, repository, Observation.class);
    }

    @Search
    public IBundleProvider search(@OptionalParam(name = "_id") TokenParam id,
                                  @OptionalParam(name = Observation.SP_PATIENT) ReferenceParam patient,
                                  @OptionalParam(name = Observation.SP_SUBJECT) ReferenceParam subject,
                                  @OptionalParam(name = Observation.SP_CODE) TokenParam code,
                                  @OptionalParam(name = Observation.SP_CATEGORY) TokenParam category,
                                  @OptionalParam(name = Observation.SP_STATUS) TokenParam status,
                                  @OptionalParam(name = Observation.SP_DATE) DateRangeParam date) {
        return search(new SearchCriteria().id(id)
                .reference(Observation.SP_PATIENT, patient, "Patient")
                .reference(Observation.SP_SUBJECT, subject, null)
                .token(Observation.SP_CODE, code)
                .token(Observation.SP_CATEGORY, category)
                .token(Observation.SP_STATUS, status)
                .date(Observation.SP_DATE, date)
                .build());
    }
}
