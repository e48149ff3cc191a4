package rhix.terminology.api.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import io.micronaut.context.ApplicationContext;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.UriType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import rhix.terminology.store.ResourceKey;
import rhix.terminology.store.TerminologyStore;

/**
 * Plain CRUD and search on CodeSystem, ValueSet and ConceptMap with HAPI's generic client, over the TDB2
 * store: ids derived from url and version, a new version beside the old, bad writes refused whole.
 */
class TerminologyResourceCrudTest {

    private static final String LOCAL_GLUCOSE = "http://hospital-b.example.org/fhir/CodeSystem/lab";
    private static final String LOINC = "http://loinc.org";
    private static final String MAP = "http://rhix.example.org/fhir/ConceptMap/hospital-b-lab";
    private static final String OTHER_MAP = "http://rhix.example.org/fhir/ConceptMap/hospital-b-lab-draft";

    static ApplicationContext application;
    static IGenericClient client;
    static TerminologyStore store;

    @BeforeAll
    static void start() {
        application = ApplicationContext.builder().properties(Map.of("rhix.terminology.fhir.port", 0, "rhix.terminology.fhir.host", "127.0.0.1",
                        "rhix.terminology.fhir.security.enabled", false, "rhix.terminology.store.path", "",
                        "rhix.terminology.store.load-shipped-content", false, "rhix.terminology.sparql.enabled", false))
                .start();
        store = application.getBean(TerminologyStore.class);
        FhirContext fhir = FhirContext.forR4Cached();
        fhir.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        client = fhir.newRestfulGenericClient(application.getBean(TerminologyFhirServer.class).baseUrl());
    }

    @AfterAll
    static void stop() {
        application.close();
    }

    @Test
    void createdCodeSystemIsReadBackUnderItsDerivedIdAndAnswersLookup() {
        CodeSystem codeSystem = localLab("2026.1", "GLU", "血糖");
        MethodOutcome created = client.create().resource(codeSystem).execute();

        String expectedId = new ResourceKey("CodeSystem", LOCAL_GLUCOSE, "2026.1").logicalId();
        assertThat(created.getCreated()).isTrue();
        assertThat(created.getId().getIdPart()).isEqualTo(expectedId).startsWith("lab-2026.1-");
        CodeSystem read = client.read().resource(CodeSystem.class).withId(expectedId).execute();
        assertThat(read.getUrl()).isEqualTo(LOCAL_GLUCOSE);
        assertThat(read.getConcept()).extracting(CodeSystem.ConceptDefinitionComponent::getCode).containsExactly("GLU");
        assertThat(read.getMeta().getLastUpdated()).isNotNull();

        Parameters lookup = client.operation().onType(CodeSystem.class).named("$lookup")
                .withParameter(Parameters.class, "system", new UriType(LOCAL_GLUCOSE)).andParameter("code", new org.hl7.fhir.r4.model.CodeType("GLU"))
                .andParameter("version", new org.hl7.fhir.r4.model.StringType("2026.1")).execute();
        assertThat(lookup.getParameter("display").getValue().primitiveValue()).isEqualTo("血糖");
    }

    @Test
    void creatingAVersionAlreadyHeldIsAConflictAndChangesNothing() {
        client.create().resource(localLab("2026.2", "HBA1C", "糖化血红蛋白")).execute();
        CodeSystem again = localLab("2026.2", "OTHER", "其他");

        assertThatThrownBy(() -> client.create().resource(again).execute()).isInstanceOf(ResourceVersionConflictException.class)
                .hasMessageContaining("already held");
        CodeSystem held = client.read().resource(CodeSystem.class)
                .withId(new ResourceKey("CodeSystem", LOCAL_GLUCOSE, "2026.2").logicalId()).execute();
        assertThat(held.getConcept()).extracting(CodeSystem.ConceptDefinitionComponent::getCode).containsExactly("HBA1C");
    }

    @Test
    void updateReplacesItsVersionAndRefusesAnIdOfAnotherVersion() {
        String id = new ResourceKey("CodeSystem", LOCAL_GLUCOSE, "2026.3").logicalId();
        MethodOutcome createdByPut = client.update().resource(localLab("2026.3", "GLU", "血糖").setId(id)).execute();
        assertThat(createdByPut.getCreated()).isTrue();
        client.update().resource(localLab("2026.3", "GLU2", "空腹血糖").setId(id)).execute();
        assertThat(client.read().resource(CodeSystem.class).withId(id).execute().getConcept())
                .extracting(CodeSystem.ConceptDefinitionComponent::getCode).containsExactly("GLU2");

        CodeSystem otherVersion = localLab("2026.4", "GLU", "血糖");
        otherVersion.setId(id);
        assertThatThrownBy(() -> client.update().resource(otherVersion).execute()).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining(new ResourceKey("CodeSystem", LOCAL_GLUCOSE, "2026.4").logicalId());
        assertThat(store.holds(new ResourceKey("CodeSystem", LOCAL_GLUCOSE, "2026.4"))).isFalse();
    }

    @Test
    void aResourceWithoutUrlOrStatusIsRefusedNamingTheElement() {
        CodeSystem noUrl = localLab("1", "X", "x").setUrl(null);
        assertThatThrownBy(() -> client.create().resource(noUrl).execute()).isInstanceOfSatisfying(UnprocessableEntityException.class,
                e -> assertThat(((OperationOutcome) e.getOperationOutcome()).getIssueFirstRep().getExpression().getFirst().getValue())
                        .isEqualTo("CodeSystem.url"));
        CodeSystem noStatus = localLab("1", "X", "x").setStatus(null);
        assertThatThrownBy(() -> client.create().resource(noStatus).execute()).isInstanceOfSatisfying(UnprocessableEntityException.class,
                e -> assertThat(((OperationOutcome) e.getOperationOutcome()).getIssueFirstRep().getExpression().getFirst().getValue())
                        .isEqualTo("CodeSystem.status"));
        CodeSystem pipedUrl = localLab("1", "X", "x").setUrl(LOCAL_GLUCOSE + "|1");
        assertThatThrownBy(() -> client.create().resource(pipedUrl).execute()).isInstanceOf(UnprocessableEntityException.class)
                .hasMessageContaining("'|'");
        assertThat(store.held()).noneMatch(held -> held.key().version() != null && held.key().version().equals("1"));
    }

    @Test
    void aNewConceptMapVersionAnswersTranslateAtOnceAndTheOldStaysReadable() {
        client.create().resource(map(MAP, "1", "GLU", "2345-7")).execute();
        assertThat(translatedCode("GLU")).isEqualTo("2345-7");

        client.create().resource(map(MAP, "2", "GLU", "2339-0")).execute();
        assertThat(translatedCode("GLU")).isEqualTo("2339-0");
        ConceptMap old = client.read().resource(ConceptMap.class).withId(new ResourceKey("ConceptMap", MAP, "1").logicalId()).execute();
        assertThat(old.getGroupFirstRep().getElementFirstRep().getTargetFirstRep().getCode()).isEqualTo("2345-7");
    }

    @Test
    void searchFindsByUrlAndVersionNewestFirstAndDeleteRemoves() {
        client.create().resource(map(OTHER_MAP, "10", "A", "1-8")).execute();
        client.create().resource(map(OTHER_MAP, "9", "A", "1-8")).execute();
        Bundle byUrl = client.search().forResource(ConceptMap.class).where(ConceptMap.URL.matches().value(OTHER_MAP)).returnBundle(Bundle.class).execute();
        assertThat(byUrl.getEntry()).extracting(entry -> ((ConceptMap) entry.getResource()).getVersion()).startsWith("10", "9");

        Bundle nine = client.search().forResource(ConceptMap.class).where(ConceptMap.URL.matches().value(OTHER_MAP))
                .and(ConceptMap.VERSION.exactly().code("9")).returnBundle(Bundle.class).execute();
        assertThat(nine.getEntry()).hasSize(1);

        String id = new ResourceKey("ConceptMap", OTHER_MAP, "9").logicalId();
        client.delete().resourceById("ConceptMap", id).execute();
        assertThatThrownBy(() -> client.read().resource(ConceptMap.class).withId(id).execute()).isInstanceOf(ResourceNotFoundException.class);
        assertThat(store.holds(new ResourceKey("ConceptMap", OTHER_MAP, "9"))).isFalse();
        assertThat(store.holds(new ResourceKey("ConceptMap", OTHER_MAP, "10"))).isTrue();
    }

    @Test
    void capabilityStatementListsTheInteractions() {
        CapabilityStatement statement = client.capabilities().ofType(CapabilityStatement.class).execute();
        CapabilityStatement.CapabilityStatementRestResourceComponent conceptMap = statement.getRestFirstRep().getResource().stream()
                .filter(resource -> resource.getType().equals("ConceptMap")).findFirst().orElseThrow();
        assertThat(conceptMap.getInteraction()).extracting(interaction -> interaction.getCode().toCode())
                .contains("read", "create", "update", "delete", "search-type");
        assertThat(conceptMap.getSearchParam()).extracting(CapabilityStatement.CapabilityStatementRestResourceSearchParamComponent::getName)
                .contains("url", "version");
    }

    private static String translatedCode(String localCode) {
        Parameters out = client.operation().onType(ConceptMap.class).named("$translate")
                .withParameter(Parameters.class, "system", new UriType(LOCAL_GLUCOSE)).andParameter("code", new org.hl7.fhir.r4.model.CodeType(localCode))
                .andParameter("targetsystem", new UriType(LOINC)).execute();
        return out.getParameter().stream().filter(p -> p.getName().equals("match"))
                .flatMap(p -> p.getPart().stream()).filter(part -> part.getName().equals("concept"))
                .map(part -> ((Coding) part.getValue()).getCode()).findFirst().orElse(null);
    }

    private static CodeSystem localLab(String version, String code, String display) {
        CodeSystem codeSystem = new CodeSystem().setUrl(LOCAL_GLUCOSE).setVersion(version).setName("HospitalBLab")
                .setStatus(Enumerations.PublicationStatus.ACTIVE).setContent(CodeSystem.CodeSystemContentMode.COMPLETE);
        codeSystem.addConcept().setCode(code).setDisplay(display);
        return codeSystem;
    }

    private static ConceptMap map(String url, String version, String localCode, String loinc) {
        ConceptMap map = new ConceptMap().setUrl(url).setVersion(version).setName("HospitalBLabToLoinc")
                .setStatus(Enumerations.PublicationStatus.ACTIVE);
        ConceptMap.ConceptMapGroupComponent group = map.addGroup().setSource(LOCAL_GLUCOSE).setTarget(LOINC);
        group.addElement().setCode(localCode).addTarget().setCode(loinc).setEquivalence(Enumerations.ConceptMapEquivalence.EQUIVALENT);
        return map;
    }
}
