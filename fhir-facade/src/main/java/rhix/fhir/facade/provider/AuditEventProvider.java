package rhix.fhir.facade.provider;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import org.hl7.fhir.r4.model.AuditEvent;
import rhix.fhir.facade.store.ResourceRepository;

/** The node's access trail: read and search AuditEvents by time, entity, interaction and outcome. */
public class AuditEventProvider extends StoredResourceProvider<AuditEvent> {

    public AuditEventProvider(FhirContext fhirContext, ResourceRepository repository) {
        super(fhirContext, repository, AuditEvent.class);
    }

    @Search
    public IBundleProvider search(@OptionalParam(name = "_id") TokenParam id,
                                  @OptionalParam(name = AuditEvent.SP_DATE) DateRangeParam date,
                                  @OptionalParam(name = AuditEvent.SP_ENTITY) ReferenceParam entity,
                                  @OptionalParam(name = AuditEvent.SP_SUBTYPE) TokenParam subtype,
                                  @OptionalParam(name = AuditEvent.SP_ACTION) TokenParam action,
                                  @OptionalParam(name = AuditEvent.SP_OUTCOME) TokenParam outcome) {
        return search(new SearchCriteria().id(id)
                .date(AuditEvent.SP_DATE, date)
                .reference(AuditEvent.SP_ENTITY, entity, null)
                .token(AuditEvent.SP_SUBTYPE, subtype)
                .token(AuditEvent.SP_ACTION, action)
                .token(AuditEvent.SP_OUTCOME, outcome)
                .build());
    }
}
