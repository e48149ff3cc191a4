package rhix.terminology.api.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import com.nimbusds.jose.JWSAlgorithm;
import io.micronaut.context.ApplicationContext;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.Enumerations;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import rhix.fhir.facade.security.LocalTokenIssuer;
import rhix.fhir.facade.security.TokenRequest;
import rhix.terminology.store.ResourceKey;
import rhix.terminology.store.TerminologyStore;

/**
 * With bearer-token security on (the default), writing a code system or a new concept map version needs a write
 * scope on its type: a reader's token may search but not create, and nothing is written for a refused request.
 */
class TerminologyWriteSecurityTest {

    private static final String ISSUER = "https://auth.test.rhix.example";
    private static final LocalTokenIssuer AUTHORITY = LocalTokenIssuer.generate(ISSUER, JWSAlgorithm.ES256);
    private static final String SYSTEM = "http://hospital-d.example.org/fhir/CodeSystem/lab";

    static ApplicationContext application;
    static TerminologyStore store;
    static String base;

    @BeforeAll
    static void start() {
        application = ApplicationContext.run(Map.of("rhix.terminology.fhir.port", 0, "rhix.terminology.fhir.host", "127.0.0.1",
                "rhix.terminology.fhir.security.issuer", ISSUER, "rhix.terminology.fhir.security.jwks", AUTHORITY.publicJwks(),
                "rhix.terminology.store.path", "", "rhix.terminology.store.load-shipped-content", false,
                "rhix.terminology.sparql.enabled", false));
        store = application.getBean(TerminologyStore.class);
        base = application.getBean(TerminologyFhirServer.class).baseUrl();
    }

    @AfterAll
    static void stop() {
        application.close();
    }

    @Test
    void aReaderMaySearchButNotCreate() {
        IGenericClient reader = client("system/CodeSystem.rs");
        assertThat(reader.search().forResource(CodeSystem.class).returnBundle(org.hl7.fhir.r4.model.Bundle.class).execute().getEntry()).isEmpty();
        assertThatThrownBy(() -> reader.create().resource(codeSystem("1")).execute()).isInstanceOf(ForbiddenOperationException.class);
        assertThat(store.holds(new ResourceKey("CodeSystem", SYSTEM, "1"))).isFalse();
    }

    @Test
    void aMappingAdministratorMayPublishAConceptMapVersionButNotACodeSystem() {
        IGenericClient mapper = client("system/ConceptMap.cruds");
        ConceptMap map = new ConceptMap().setUrl("http://rhix.example.org/fhir/ConceptMap/hospital-d-lab").setVersion("2")
                .setStatus(Enumerations.PublicationStatus.ACTIVE);
        map.addGroup().setSource(SYSTEM).setTarget("http://loinc.org").addElement().setCode("GLU").addTarget().setCode("2345-7")
                .setEquivalence(Enumerations.ConceptMapEquivalence.EQUIVALENT);
        assertThat(mapper.create().resource(map).execute().getCreated()).isTrue();
        assertThatThrownBy(() -> mapper.create().resource(codeSystem("2")).execute()).isInstanceOf(ForbiddenOperationException.class);
        assertThat(store.holds(new ResourceKey("CodeSystem", SYSTEM, "2"))).isFalse();
    }

    @Test
    void noTokenNoWrite() {
        FhirContext fhir = FhirContext.forR4Cached();
        fhir.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        IGenericClient anonymous = fhir.newRestfulGenericClient(base);
        assertThatThrownBy(() -> anonymous.create().resource(codeSystem("3")).execute()).isInstanceOf(AuthenticationException.class);
        assertThat(store.holds(new ResourceKey("CodeSystem", SYSTEM, "3"))).isFalse();
    }

    private static IGenericClient client(String scope) {
        FhirContext fhir = FhirContext.forR4Cached();
        fhir.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        IGenericClient client = fhir.newRestfulGenericClient(base);
        client.registerInterceptor(new BearerTokenAuthInterceptor(AUTHORITY.sign(TokenRequest.of("terminology-admin", scope, "HOPERAT"))));
        return client;
    }

    private static CodeSystem codeSystem(String version) {
        CodeSystem codeSystem = new CodeSystem().setUrl(SYSTEM).setVersion(version).setStatus(Enumerations.PublicationStatus.ACTIVE)
                .setContent(CodeSystem.CodeSystemContentMode.COMPLETE);
        codeSystem.addConcept().setCode("GLU").setDisplay("血糖");
        return codeSystem;
    }
}
