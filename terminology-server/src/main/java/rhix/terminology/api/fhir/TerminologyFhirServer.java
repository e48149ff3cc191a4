package rhix.terminology.api.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.IResourceProvider;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.ValueSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rhix.fhir.facade.audit.AccessAuditInterceptor;
import rhix.fhir.facade.security.SmartOnFhirSecurity;
import rhix.fhir.facade.security.TypeOperation;
import rhix.fhir.facade.server.FhirFacadeServer;
import rhix.terminology.audit.AuditTrail;
import rhix.terminology.content.TerminologyResources;
import rhix.terminology.store.TdbTerminologyResources;
import rhix.terminology.store.TerminologyStore;
import rhix.terminology.engine.TerminologyEngine;

/**
 * Serves the FHIR R4 terminology API from start-up on fhir-facade's server, so errors, size limits and token
 * security behave as on every node; stops with the application.
 */
@Singleton
public class TerminologyFhirServer implements ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(TerminologyFhirServer.class);
    private static final String NAME = "RHIX terminology server";

    /** Operations on many concepts at once: a search scope on the type lets a token call them. */
    static final List<TypeOperation> OPERATIONS = List.of(new TypeOperation("$lookup", CodeSystem.class),
            new TypeOperation("$validate-code", CodeSystem.class), new TypeOperation("$subsumes", CodeSystem.class),
            new TypeOperation("$expand", ValueSet.class), new TypeOperation("$validate-code", ValueSet.class),
            new TypeOperation("$translate", ConceptMap.class));

    private final TerminologyFhirConfiguration configuration;
    private final TerminologyFhirSecurityConfiguration security;
    private final TerminologyResources resources;
    private final Optional<TerminologyStore> store;
    private final AuditTrail auditTrail;
    private FhirFacadeServer server;

    /**
     * @param store      when the terminology is held in TDB2: each commit there (a new version) reloads the engine
     * @param auditTrail where every interaction is recorded, refused ones too
     */
    public TerminologyFhirServer(TerminologyFhirConfiguration configuration, TerminologyFhirSecurityConfiguration security,
                                 TerminologyResources resources, Optional<TerminologyStore> store, AuditTrail auditTrail) {
        this.configuration = configuration;
        this.security = security;
        this.resources = resources;
        this.store = store;
        this.auditTrail = auditTrail;
    }

    @Override
    public synchronized void onApplicationEvent(StartupEvent event) {
        if (server != null) {
            return;
        }
        FhirContext fhirContext = FhirContext.forR4Cached();
        TerminologyEngine engine = new TerminologyEngine(resources, configuration.maximumExpansionSize());
        // A version loaded while the server runs (an administrator's new ConceptMap) is served without a restart.
        store.ifPresent(held -> held.onCommit(changed -> engine.reload()));
        // Metadata first: a client discovers the server before it holds a token.
        List<Object> interceptors = new ArrayList<>();
        interceptors.add(new TerminologyMetadata(fhirContext, resources, NAME));
        interceptors.addAll(SmartOnFhirSecurity.configured(security.settings(), "the terminology server", LOG, OPERATIONS));
        interceptors.add(new AccessAuditInterceptor(auditTrail, "terminology"));
        try {
            server = FhirFacadeServer.start(fhirContext, resourceProviders(), List.of(new TerminologyOperations(fhirContext, engine)),
                    interceptors, configuration.host(), configuration.port(), 20, 100, configuration.maximumRequestBytes(), NAME);
        } catch (Exception e) {
            throw new IllegalStateException("the terminology FHIR API could not start on port " + configuration.port()
                    + " (rhix.terminology.fhir.port): " + e.getMessage(), e);
        }
    }

    /** CRUD and search on the three types, when the terminology is held in the TDB2 store (the in-memory holder is read-only). */
    private List<IResourceProvider> resourceProviders() {
        if (store.isEmpty() || !(resources instanceof TdbTerminologyResources held)) {
            return List.of();
        }
        return List.of(new TerminologyResourceProvider<>(CodeSystem.class, store.get(), held),
                new TerminologyResourceProvider<>(ValueSet.class, store.get(), held),
                new TerminologyResourceProvider<>(ConceptMap.class, store.get(), held));
    }

    public synchronized String baseUrl() {
        if (server == null) {
            throw new IllegalStateException("the terminology FHIR API has not started");
        }
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
