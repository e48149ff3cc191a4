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
import org.hl7.fhir.r4.model.AuditEvent;
import rhix.fhir.facade.store.ResourceRepository;

/**
 * AuditEvent: read, vread, history, and the node's access trail: search by time, entity, interaction and
 * outcome. Every parameter takes OR lists; the search also takes {@code _id}, {@code _lastUpdated}, {@code
 * _sort}, {@code _include} and {@code _revinclude} (the values allowed are listed below and in the
 * CapabilityStatement).
 */
public class AuditEventProvider extends StoredResourceProvider<AuditEvent> {

    public AuditEventProvider(FhirContext fhirContext, ResourceRepository repository) {
        super(fhirContext, repository, AuditEvent.class);
    }

    @Search
    public IBundleProvider search(@OptionalParam(name = IAnyResource.SP_RES_ID) TokenAndListParam id,
                                  @OptionalParam(name = Constants.PARAM_LASTUPDATED) DateRangeParam lastUpdated,
                                  @OptionalParam(name = AuditEvent.SP_DATE) DateRangeParam date,
                                  @OptionalParam(name = AuditEvent.SP_ENTITY,
                                          chainWhitelist = OptionalParam.ALLOW_CHAIN_NOTCHAINED)
                                  ReferenceAndListParam entity,
                                  @OptionalParam(name = AuditEvent.SP_SUBTYPE) TokenAndListParam subtype,
                                  @OptionalParam(name = AuditEvent.SP_ACTION) TokenAndListParam action,
                                  @OptionalParam(name = AuditEvent.SP_OUTCOME) TokenAndListParam outcome,
                                  @Sort SortSpec sort,
                                  @IncludeParam(allow = {"AuditEvent:entity"})
                                  Set<Include> includes,
                                  @IncludeParam(reverse = true, allow = {"Provenance:target"})
                                  Set<Include> revIncludes) {
        return search(searchCriteria().id(id)
                .lastUpdated(lastUpdated)
                .date(AuditEvent.SP_DATE, date)
                .reference(AuditEvent.SP_ENTITY, entity, null)
                .token(AuditEvent.SP_SUBTYPE, subtype)
                .token(AuditEvent.SP_ACTION, action)
                .token(AuditEvent.SP_OUTCOME, outcome)
                .sort(sort, AuditEvent.SP_DATE)
                .include(includes, revIncludes));
    }
}
