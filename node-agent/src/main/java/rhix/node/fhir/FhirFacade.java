package rhix.node.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.IResourceProvider;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import rhix.fhir.facade.audit.AccessAuditInterceptor;
import rhix.fhir.facade.provider.AllergyIntoleranceProvider;
import rhix.fhir.facade.provider.AuditEventProvider;
import rhix.fhir.facade.provider.ConditionProvider;
import rhix.fhir.facade.provider.ConsentProvider;
import rhix.fhir.facade.provider.DiagnosticReportProvider;
import rhix.fhir.facade.provider.DocumentReferenceProvider;
import rhix.fhir.facade.provider.EncounterProvider;
import rhix.fhir.facade.provider.ImagingStudyProvider;
import rhix.fhir.facade.provider.MedicationRequestProvider;
import rhix.fhir.facade.provider.ObservationProvider;
import rhix.fhir.facade.provider.OrganizationProvider;
import rhix.fhir.facade.provider.PatientProvider;
import rhix.fhir.facade.provider.PractitionerProvider;
import rhix.fhir.facade.provider.ProcedureProvider;
import rhix.fhir.facade.provider.ProvenanceProvider;
import rhix.fhir.facade.everything.PatientEverythingProvider;
import rhix.fhir.facade.server.FhirFacadeServer;
import rhix.fhir.facade.write.TransactionProvider;
import rhix.fhir.facade.write.Writers;
import rhix.fhir.facade.security.SmartOnFhirSecurity;
import rhix.fhir.facade.validation.ResourceValidator;
import rhix.fhir.facade.validation.ValidateOperationProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rhix.node.NodeConfiguration;
import rhix.node.audit.EventTrailOperation;
import rhix.node.recognition.RecognizableResultsOperation;

/**
 * Starts the node's FHIR R4 API over its store when the node starts, and stops it with the node. Security
 * ({@link FhirSecurityConfiguration}) is on unless explicitly disabled; with it on and no keys the node
 * does not start, rather than serve health data to anyone.
 */
@Singleton
public class FhirFacade implements ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(FhirFacade.class);

    private final FhirContext fhirContext;
    private final JdbcResourceRepository repository;
    private final FhirFacadeConfiguration configuration;
    private final NodeConfiguration node;
    private final StoreAuditSink auditSink;
    private final FhirSecurityConfiguration security;
    private final Optional<ResourceValidator> validator;
    private final EventTrailOperation eventTrail;
    private final Optional<RecognizableResultsOperation> recognition;
    private FhirFacadeServer server;

    public FhirFacade(FhirContext fhirContext, JdbcResourceRepository repository, FhirFacadeConfiguration configuration,
                      NodeConfiguration node, StoreAuditSink auditSink, FhirSecurityConfiguration security,
                      Optional<ResourceValidator> validator, EventTrailOperation eventTrail,
                      Optional<RecognizableResultsOperation> recognition) {
        this.fhirContext = fhirContext;
        this.repository = repository;
        this.configuration = configuration;
        this.node = node;
        this.auditSink = auditSink;
        this.security = security;
        this.validator = validator;
        this.eventTrail = eventTrail;
        this.recognition = recognition;
    }

    @Override
    public synchronized void onApplicationEvent(StartupEvent event) {
        if (server != null) {
            return;
        }
        List<IResourceProvider> stored = List.of(
                new PatientProvider(fhirContext, repository),
                new PractitionerProvider(fhirContext, repository),
                new OrganizationProvider(fhirContext, repository),
                new EncounterProvider(fhirContext, repository),
                new ObservationProvider(fhirContext, repository),
                new DiagnosticReportProvider(fhirContext, repository),
                new ImagingStudyProvider(fhirContext, repository),
                new ConditionProvider(fhirContext, repository),
                new ProcedureProvider(fhirContext, repository),
                new MedicationRequestProvider(fhirContext, repository),
                new AllergyIntoleranceProvider(fhirContext, repository),
                new DocumentReferenceProvider(fhirContext, repository),
                new AuditEventProvider(fhirContext, repository),
                new ProvenanceProvider(fhirContext, repository),
                new ConsentProvider(fhirContext, repository));
        List<IResourceProvider> providers = new ArrayList<>(stored);
        // [type]/$validate on every type, when the node has a validator (rhix.node.fhir.validate.enabled, on by default).
        validator.ifPresent(v -> providers.addAll(ValidateOperationProvider.forTypesOf(fhirContext, stored, v)));
        List<Object> interceptors = new ArrayList<>(securityInterceptors());
        interceptors.add(new AccessAuditInterceptor(auditSink, node.id()));
        try {
            List<Object> systemProviders = new ArrayList<>(List.of(new TransactionProvider(fhirContext, repository,
                    configuration.maximumBundleEntries(), Writers::of), new PatientEverythingProvider(fhirContext, repository),
                    // AuditEvent/$event-trail: the event store as AuditEvents, apart from the stored ones of FHIR access.
                    eventTrail));
            // Patient/[id]/$recognizable-results, when the node runs its event store (mutual recognition records verdicts).
            recognition.ifPresent(systemProviders::add);
            server = FhirFacadeServer.start(fhirContext, providers, systemProviders, interceptors, configuration.host(),
                    configuration.port(), configuration.defaultPageSize(), configuration.maximumPageSize(),
                    configuration.maximumRequestBytes(), "RHIX node " + node.id());
        } catch (Exception e) {
            throw new IllegalStateException("the FHIR facade could not start on port " + configuration.port() + ": "
                    + e.getMessage(), e);
        }
    }

    private List<Object> securityInterceptors() {
        return SmartOnFhirSecurity.configured(security.settings(), node.id(), LOG, List.of(EventTrailOperation.TYPE_OPERATION),
                recognition.isPresent() ? List.of(RecognizableResultsOperation.SECURED_AS) : List.of());
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    @PreDestroy
    public synchronized void stop() throws Exception {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
