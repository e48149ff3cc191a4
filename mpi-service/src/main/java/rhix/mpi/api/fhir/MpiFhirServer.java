package rhix.mpi.api.fhir;

import ca.uhn.fhir.context.FhirContext;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Patient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rhix.fhir.facade.audit.AccessAuditInterceptor;
import rhix.fhir.facade.security.SmartOnFhirSecurity;
import rhix.fhir.facade.security.TypeOperation;
import rhix.fhir.facade.server.FhirFacadeServer;
import rhix.mpi.audit.AccessAuditLog;
import rhix.mpi.index.ActivePolicy;
import rhix.mpi.index.MasterPatientIndex;

/**
 * Serves the MPI's FHIR R4 API from start-up on fhir-facade's server, so errors, size limits, strict search
 * parameters and token security behave as on every node; stops with the MPI.
 */
@Singleton
public class MpiFhirServer implements ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(MpiFhirServer.class);

    /** Operations answering about many people: a search scope on Patient lets a token call them. */
    static final List<TypeOperation> OPERATIONS = List.of(new TypeOperation(PatientMatchOperation.NAME, Patient.class),
            new TypeOperation(PixQueryOperation.NAME, Patient.class));

    private final MpiFhirConfiguration configuration;
    private final MpiFhirSecurityConfiguration security;
    private final EnterprisePatients patients;
    private final MasterPatientIndex index;
    private final ActivePolicy policy;
    private final AccessAuditLog audit;
    private FhirFacadeServer server;

    public MpiFhirServer(MpiFhirConfiguration configuration, MpiFhirSecurityConfiguration security, EnterprisePatients patients,
                         MasterPatientIndex index, ActivePolicy policy, AccessAuditLog audit) {
        this.configuration = configuration;
        this.security = security;
        this.patients = patients;
        this.index = index;
        this.policy = policy;
        this.audit = audit;
    }

    @Override
    public synchronized void onApplicationEvent(StartupEvent event) {
        if (server != null) {
            return;
        }
        FhirContext fhirContext = FhirContext.forR4Cached();
        List<Object> interceptors = new ArrayList<>(SmartOnFhirSecurity.configured(security.settings(), "the MPI", LOG, OPERATIONS));
        interceptors.add(new AccessAuditInterceptor(audit, "mpi"));
        try {
            server = FhirFacadeServer.start(fhirContext, List.of(new EnterprisePatientProvider(patients, configuration.maximumPageSize())),
                    List.of(new PatientMatchOperation(index, policy, patients, configuration.maximumPageSize()),
                            new PixQueryOperation(patients)),
                    interceptors, configuration.host(), configuration.port(), configuration.defaultPageSize(),
                    configuration.maximumPageSize(), configuration.maximumRequestBytes(), "RHIX master patient index");
        } catch (Exception e) {
            throw new IllegalStateException("the MPI's FHIR API could not start on port " + configuration.port()
                    + " (rhix.mpi.fhir.port): " + e.getMessage(), e);
        }
    }

    public synchronized String baseUrl() {
        if (server == null) {
            throw new IllegalStateException("the MPI's FHIR API has not started");
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
