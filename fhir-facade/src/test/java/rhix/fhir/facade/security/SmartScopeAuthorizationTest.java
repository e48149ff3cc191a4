package rhix.fhir.facade.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import com.nimbusds.jose.JWSAlgorithm;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import rhix.fhir.facade.server.FhirFacadeServer;

/** SMART scopes against writes, on a real HAPI server over a fake store. */
class SmartScopeAuthorizationTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final LocalTokenIssuer AUTHORITY = LocalTokenIssuer.generate("https://auth.test.example", JWSAlgorithm.ES256);
    private static final InMemoryObservations STORE = new InMemoryObservations();
    private static FhirFacadeServer server;

    @BeforeAll
    static void startServer() throws Exception {
        STORE.put("o-a", "pa");
        STORE.put("o-b", "pb");
        BearerTokenVerifier verifier = new BearerTokenVerifier(AUTHORITY.verificationKeys(),
                new TokenPolicy(AUTHORITY.issuer(), Optional.empty(), Duration.ofSeconds(60), true));
        server = FhirFacadeServer.start(FHIR, List.of(STORE, new InMemoryPatients(Set.of("pa", "pb"), STORE)), List.of(),
                SmartOnFhirSecurity.interceptors(verifier), "127.0.0.1", 0, 20, 100, 1_000_000, "security test");
        FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @Test
    void aReadAndSearchScopeDoesNotWrite() {
        IGenericClient reader = client("user/Observation.rs");

        assertThatThrownBy(() -> reader.create().resource(observation("pa")).execute())
                .isInstanceOfSatisfying(ForbiddenOperationException.class, e -> assertThat(e.getMessage())
                        .contains("RHIX-SEC-005").contains("user/Observation.c"));
        assertThatThrownBy(() -> reader.update().resource(observation("pa").setId("o-a")).execute())
                .isInstanceOfSatisfying(ForbiddenOperationException.class, e -> assertThat(e.getMessage()).contains("Observation.u"));
        assertThatThrownBy(() -> reader.delete().resourceById(new IdType("Observation", "o-b")).execute())
                .isInstanceOfSatisfying(ForbiddenOperationException.class, e -> assertThat(e.getMessage()).contains("Observation.d"));
    }

    @Test
    void eachWritePermissionAllowsItsOwnInteractionOnly() {
        IGenericClient creator = client("user/Observation.c");
        IGenericClient updater = client("user/Observation.u");

        assertThat(creator.create().resource(observation("pa")).execute().getId().getIdPart()).startsWith("new-");
        assertThatThrownBy(() -> creator.update().resource(observation("pa").setId("o-a")).execute())
                .isInstanceOf(ForbiddenOperationException.class);
        updater.update().resource(observation("pa").setId("o-a")).execute();
        assertThatThrownBy(() -> updater.create().resource(observation("pa")).execute())
                .isInstanceOf(ForbiddenOperationException.class);
    }

    @Test
    void aSystemScopeForEverythingWrites() {
        IGenericClient system = client("system/*.cruds");

        IdType created = (IdType) system.create().resource(observation("pb")).execute().getId();
        system.delete().resourceById(new IdType("Observation", created.getIdPart())).execute();
        assertThat(system.search().forResource(Observation.class).returnBundle(Bundle.class).execute().getEntry()).isNotEmpty();
    }

    @Test
    void aPatientWriteScopeWritesOnlyIntoThatPatientsCompartment() {
        IGenericClient patientApp = client(TokenRequest.of("resident", "patient/Observation.c", "PATRQT").withPatient("pa"));

        patientApp.create().resource(observation("pa")).execute();
        assertThatThrownBy(() -> patientApp.create().resource(observation("pb")).execute())
                .isInstanceOf(ForbiddenOperationException.class);
    }

    @Test
    void everythingAboutAPatientNeedsSearchScopesOnWhatItReturns() {
        Parameters none = new Parameters();
        IGenericClient clinician = client("user/Patient.rs user/Observation.rs");
        IGenericClient registrar = client("user/Patient.rs");

        Bundle everything = clinician.operation().onInstance(new IdType("Patient", "pa")).named("$everything")
                .withParameters(none).returnResourceType(Bundle.class).useHttpGet().execute();
        assertThat(everything.getEntry()).extracting(entry -> entry.getResource().fhirType()).contains("Patient", "Observation");
        assertThatThrownBy(() -> registrar.operation().onInstance(new IdType("Patient", "pa")).named("$everything")
                .withParameters(none).returnResourceType(Bundle.class).useHttpGet().execute())
                .isInstanceOf(ForbiddenOperationException.class);
    }

    @Test
    void aPatientScopeGetsEverythingOnlyAboutItsOwnPatient() {
        Parameters none = new Parameters();
        IGenericClient patientApp = client(TokenRequest.of("resident", "patient/*.rs", "PATRQT").withPatient("pa"));

        Bundle own = patientApp.operation().onInstance(new IdType("Patient", "pa")).named("$everything")
                .withParameters(none).returnResourceType(Bundle.class).useHttpGet().execute();
        assertThat(own.getEntry()).isNotEmpty();
        assertThatThrownBy(() -> patientApp.operation().onInstance(new IdType("Patient", "pb")).named("$everything")
                .withParameters(none).returnResourceType(Bundle.class).useHttpGet().execute())
                .isInstanceOf(ForbiddenOperationException.class);
    }

    private static IGenericClient client(String scope) {
        return client(TokenRequest.of("tester", scope, "TREAT"));
    }

    private static IGenericClient client(TokenRequest token) {
        IGenericClient client = FHIR.newRestfulGenericClient(server.baseUrl());
        client.registerInterceptor(new BearerTokenAuthInterceptor(AUTHORITY.sign(token)));
        return client;
    }

    private static Observation observation(String patient) {
        Observation observation = new Observation();
        observation.setStatus(Observation.ObservationStatus.PRELIMINARY);
        observation.getCode().addCoding().setSystem("http://loinc.org").setCode("718-7");
        observation.getSubject().setReference("Patient/" + patient);
        return observation;
    }
}
