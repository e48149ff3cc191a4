package rhix.fhir.facade.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.ValidationModeEnum;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import com.nimbusds.jose.JWSAlgorithm;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import rhix.fhir.facade.security.BearerTokenVerifier;
import rhix.fhir.facade.security.LocalTokenIssuer;
import rhix.fhir.facade.security.SmartOnFhirSecurity;
import rhix.fhir.facade.security.TokenPolicy;
import rhix.fhir.facade.security.TokenRequest;
import rhix.fhir.facade.server.FhirFacadeServer;

/**
 * {@code [type]/$validate} on a real HAPI server with the facade's security: the operation hands the resource to
 * the server's {@link ResourceValidator} (here a stand-in that finds a missing status) and answers its
 * OperationOutcome; who may ask; what is refused before any validation; no validator, no operation.
 */
class ValidateOperationProviderTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final LocalTokenIssuer AUTHORITY = LocalTokenIssuer.generate("https://auth.test.example", JWSAlgorithm.ES256);
    private static final List<ValidationRequest> ASKED = new CopyOnWriteArrayList<>();
    private static FhirFacadeServer withValidator;
    private static FhirFacadeServer withoutValidator;

    /** The neighbour: finds a missing Observation.status, nothing else. */
    private static final ResourceValidator STATUS_REQUIRED = request -> {
        ASKED.add(request);
        OperationOutcome outcome = new OperationOutcome();
        if (request.resource() instanceof Observation observation && !observation.hasStatus()) {
            outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(OperationOutcome.IssueType.REQUIRED)
                    .setDiagnostics("Observation.status: minimum required = 1, but only found 0").addExpression("Observation.status");
        }
        return outcome;
    };

    @BeforeAll
    static void startServers() throws Exception {
        BearerTokenVerifier verifier = new BearerTokenVerifier(AUTHORITY.verificationKeys(),
                new TokenPolicy(AUTHORITY.issuer(), Optional.empty(), Duration.ofSeconds(60), false));
        List<IResourceProvider> stored = List.of(new ReadOnlyProvider<>(Observation.class),
                new ReadOnlyProvider<>(Patient.class));
        List<IResourceProvider> providers = new ArrayList<>(stored);
        providers.addAll(ValidateOperationProvider.forTypesOf(FHIR, stored, STATUS_REQUIRED));
        withValidator = FhirFacadeServer.start(FHIR, providers, List.of(), SmartOnFhirSecurity.interceptors(verifier),
                "127.0.0.1", 0, 20, 100, 1_000_000, "validate test");
        withoutValidator = FhirFacadeServer.start(FHIR, stored, List.of(), SmartOnFhirSecurity.interceptors(verifier),
                "127.0.0.1", 0, 20, 100, 1_000_000, "no validator");
        FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
    }

    @AfterAll
    static void stopServers() throws Exception {
        withValidator.close();
        withoutValidator.close();
    }

    @BeforeEach
    void forget() {
        ASKED.clear();
    }

    @Test
    void theValidatorsFindingsAreAnsweredAsAnOperationOutcome() {
        IGenericClient client = client(withValidator, "user/Observation.rs");

        MethodOutcome invalid = client.validate().resource(observation().setStatus(null)).execute();
        MethodOutcome valid = client.validate().resource(observation()).execute();

        assertThat(((OperationOutcome) invalid.getOperationOutcome()).getIssue()).singleElement().satisfies(issue -> {
            assertThat(issue.getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
            assertThat(issue.getDiagnostics()).contains("Observation.status");
        });
        assertThat(((OperationOutcome) valid.getOperationOutcome()).getIssue()).singleElement().satisfies(issue -> {
            assertThat(issue.getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.INFORMATION);
            assertThat(issue.getDiagnostics()).isEqualTo("No issues found");
        });
        assertThat(ASKED).hasSize(2);
    }

    @Test
    void aParametersBodyCarriesTheResourceModeAndProfile() {
        Parameters parameters = new Parameters();
        parameters.addParameter().setName("resource").setResource(observation());
        parameters.addParameter("mode", new CodeType("update"));
        parameters.addParameter("profile", new StringType("http://hl7.org/fhir/StructureDefinition/vitalsigns"));

        client(withValidator, "user/Observation.rs").operation().onType(Observation.class).named("$validate")
                .withParameters(parameters).returnResourceType(OperationOutcome.class).execute();

        assertThat(ASKED).singleElement().satisfies(request -> {
            assertThat(request.resource()).isInstanceOf(Observation.class);
            assertThat(request.mode()).contains(ValidationModeEnum.UPDATE);
            assertThat(request.profile()).contains("http://hl7.org/fhir/StructureDefinition/vitalsigns");
        });
    }

    @Test
    void anyScopeOnTheTypeMayValidateAndAScopeOnAnotherTypeMayNot() {
        for (String scope : List.of("user/Observation.c", "patient/Observation.r", "system/*.s")) {
            client(withValidator, scope).validate().resource(observation()).execute();
        }
        assertThat(ASKED).as("every scope on Observation got its answer").hasSize(3);

        assertThatThrownBy(() -> client(withValidator, "user/Patient.rs").validate().resource(observation()).execute())
                .isInstanceOfSatisfying(ForbiddenOperationException.class, e -> assertThat(e.getMessage())
                        .contains("RHIX-SEC-005", "no scope of the token reaches Observation", "Observation/$validate"));
        assertThat(ASKED).hasSize(3);
    }

    @Test
    void aResourceOfAnotherTypeNoResourceOrModeDeleteIsRefusedBeforeValidation() throws Exception {
        IGenericClient client = client(withValidator, "system/*.rs");
        Parameters deletion = new Parameters();
        deletion.addParameter().setName("resource").setResource(observation());
        deletion.addParameter("mode", new CodeType("delete"));

        HttpResponse<String> patient = post(withValidator, "{\"resourceType\":\"Patient\",\"gender\":\"male\"}");
        assertThat(patient.statusCode()).isEqualTo(400);
        assertThat(patient.body()).contains("RHIX-VAL-001", "Patient/$validate");
        assertThatThrownBy(() -> client.operation().onType(Observation.class).named("$validate")
                .withParameter(Parameters.class, "profile", new StringType("http://example.org/p")).execute())
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getMessage()).contains("RHIX-VAL-003"));
        assertThatThrownBy(() -> client.operation().onType(Observation.class).named("$validate").withParameters(deletion).execute())
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getMessage()).contains("RHIX-VAL-002"));
        assertThat(ASKED).isEmpty();
    }

    @Test
    void aMalformedBodyIsABadRequestWithAnOperationOutcome() throws Exception {
        HttpResponse<String> response = post(withValidator, "{\"resourceType\":\"Observation\",\"status\":\"final\",");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"resourceType\":\"OperationOutcome\"");
        assertThat(ASKED).isEmpty();
    }

    @Test
    void withoutAValidatorTheOperationIsNotOffered() throws Exception {
        HttpResponse<String> response = post(withoutValidator, FHIR.newJsonParser().encodeResourceToString(observation()));
        CapabilityStatement capabilities = client(withoutValidator, "system/*.rs").capabilities().ofType(CapabilityStatement.class).execute();
        CapabilityStatement offered = client(withValidator, "system/*.rs").capabilities().ofType(CapabilityStatement.class).execute();

        assertThat(response.statusCode()).isBetween(400, 405);
        assertThat(operations(capabilities)).doesNotContain("validate");
        assertThat(operations(offered)).contains("validate");
    }

    private static List<String> operations(CapabilityStatement capabilities) {
        return capabilities.getRestFirstRep().getResource().stream().filter(resource -> resource.getType().equals("Observation"))
                .flatMap(resource -> resource.getOperation().stream()).map(CapabilityStatement.CapabilityStatementRestResourceOperationComponent::getName)
                .toList();
    }

    private static HttpResponse<String> post(FhirFacadeServer server, String body) throws Exception {
        String token = AUTHORITY.sign(TokenRequest.of("validator", "system/*.rs", "TREAT"));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/Observation/$validate"))
                .header("Content-Type", "application/fhir+json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static IGenericClient client(FhirFacadeServer server, String scope) {
        IGenericClient client = FHIR.newRestfulGenericClient(server.baseUrl());
        client.registerInterceptor(new BearerTokenAuthInterceptor(AUTHORITY.sign(withPatient(scope))));
        return client;
    }

    private static TokenRequest withPatient(String scope) {
        TokenRequest request = TokenRequest.of("validator", scope, "TREAT");
        return scope.startsWith("patient/") ? request.withPatient("pa") : request;
    }

    private static Observation observation() {
        Observation observation = new Observation();
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.getCode().addCoding().setSystem("http://loinc.org").setCode("2345-7");
        observation.getSubject().setReference("Patient/pa");
        return observation;
    }

    /** A type's stored-resource provider as far as this test needs one: reads find nothing. */
    private static final class ReadOnlyProvider<T extends IBaseResource>
            implements IResourceProvider {

        private final Class<T> type;

        ReadOnlyProvider(Class<T> type) {
            this.type = type;
        }

        @Override
        public Class<T> getResourceType() {
            return type;
        }

        @Read
        public T read(@IdParam IdType id) {
            throw new ResourceNotFoundException(id);
        }
    }
}
