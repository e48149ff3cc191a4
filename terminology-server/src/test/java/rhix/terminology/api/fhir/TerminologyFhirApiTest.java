package rhix.terminology.api.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import io.micronaut.context.ApplicationContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import rhix.terminology.store.TerminologyStore;

/** Each operation over HTTP with HAPI's generic client, on GB/T 2261.1 sex codes with Chinese and English designations. */
class TerminologyFhirApiTest {

    static final String SEX = "http://rhix.example.org/fhir/CodeSystem/gbt-2261.1";
    static final String SEX_VS = "http://rhix.example.org/fhir/ValueSet/gbt-2261.1";
    static final String ALL_SEX_VS = "http://rhix.example.org/fhir/ValueSet/gbt-2261.1-all";
    static final String LOCAL_SEX = "http://hospital-a.example.org/fhir/CodeSystem/sex";
    static final String LOCAL_TO_NATIONAL = "http://rhix.example.org/fhir/ConceptMap/hospital-a-sex";
    static final int MAXIMUM_EXPANSION = 3;

    static ApplicationContext application;
    static IGenericClient client;
    static String base;

    @BeforeAll
    static void start() {
        application = ApplicationContext.builder().properties(Map.of("rhix.terminology.fhir.port", 0, "rhix.terminology.fhir.host", "127.0.0.1",
                        "rhix.terminology.fhir.security.enabled", false, "rhix.terminology.fhir.maximum-expansion-size", MAXIMUM_EXPANSION,
                        "rhix.terminology.store.path", "", "rhix.terminology.store.load-shipped-content", false,
                        "rhix.terminology.sparql.enabled", false))
                .start();
        // Loaded into the TDB2 store after start: the engine serves what a commit brings without a restart.
        TerminologyStore store = application.getBean(TerminologyStore.class);
        for (MetadataResource resource : List.of(sexCodes(), sexValueSet(), allSexes(), localSexCodes(), localToNational())) {
            store.put(resource, (done, total) -> { });
        }
        base = application.getBean(TerminologyFhirServer.class).baseUrl();
        FhirContext fhir = FhirContext.forR4Cached();
        fhir.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        client = fhir.newRestfulGenericClient(base);
    }

    @AfterAll
    static void stop() {
        application.close();
    }

    @Test
    void lookupGivesTheDisplayInTheLanguageAsked() {
        Parameters chinese = lookup("2", "zh");
        assertThat(chinese.getParameter("display").getValue().primitiveValue()).isEqualTo("女性");
        Parameters english = lookup("2", "en");
        assertThat(english.getParameter("display").getValue().primitiveValue()).isEqualTo("Female");
        assertThat(english.getParameter("name").getValue().primitiveValue()).isEqualTo("GBT2261_1");
    }

    @Test
    void validateCodeInTheCodeSystemKnowsGoodAndBadCodes() {
        Parameters good = client.operation().onType(CodeSystem.class).named("$validate-code")
                .withParameter(Parameters.class, "url", new UriType(SEX)).andParameter("code", new CodeType("1")).execute();
        assertThat(((BooleanType) good.getParameter("result").getValue()).booleanValue()).isTrue();
        Parameters bad = client.operation().onType(CodeSystem.class).named("$validate-code")
                .withParameter(Parameters.class, "url", new UriType(SEX)).andParameter("code", new CodeType("7")).execute();
        assertThat(((BooleanType) bad.getParameter("result").getValue()).booleanValue()).isFalse();
    }

    @Test
    void subsumesFollowsTheHierarchy() {
        Parameters out = client.operation().onType(CodeSystem.class).named("$subsumes")
                .withParameter(Parameters.class, "system", new UriType(SEX)).andParameter("codeA", new CodeType("known"))
                .andParameter("codeB", new CodeType("1")).execute();
        assertThat(out.getParameter("outcome").getValue().primitiveValue()).isEqualTo("subsumes");
    }

    @Test
    void expandListsTheValueSetInChineseWhenAsked() {
        ValueSet expanded = client.operation().onType(ValueSet.class).named("$expand")
                .withParameter(Parameters.class, "url", new UriType(SEX_VS)).andParameter("displayLanguage", new CodeType("zh"))
                .returnResourceType(ValueSet.class).execute();
        assertThat(expanded.getExpansion().getContains()).extracting(ValueSet.ValueSetExpansionContainsComponent::getCode)
                .containsExactlyInAnyOrder("1", "2");
        assertThat(expanded.getExpansion().getContains()).extracting(ValueSet.ValueSetExpansionContainsComponent::getDisplay)
                .containsExactlyInAnyOrder("男性", "女性");
    }

    @Test
    void aClientsLowerCostThresholdHoldsAndAMalformedOneIsRefused() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI expand = URI.create(base + "/ValueSet/$expand?url=" + SEX_VS);
        HttpResponse<String> limited = http.send(HttpRequest.newBuilder(expand).header("X-TOO-COSTLY-THRESHOLD", "1").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(limited.statusCode()).isEqualTo(422);
        assertThat(limited.body()).contains("too-costly");
        HttpResponse<String> malformed = http.send(HttpRequest.newBuilder(expand).header("X-TOO-COSTLY-THRESHOLD", "many").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("X-TOO-COSTLY-THRESHOLD");
        HttpResponse<String> unlimited = http.send(HttpRequest.newBuilder(expand).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unlimited.statusCode()).isEqualTo(200);
    }

    @Test
    void validateCodeInTheValueSetRefusesCodesOutsideIt() {
        Parameters inside = client.operation().onType(ValueSet.class).named("$validate-code")
                .withParameter(Parameters.class, "url", new UriType(SEX_VS)).andParameter("coding", new Coding(SEX, "1", null)).execute();
        assertThat(((BooleanType) inside.getParameter("result").getValue()).booleanValue()).isTrue();
        Parameters outside = client.operation().onType(ValueSet.class).named("$validate-code")
                .withParameter(Parameters.class, "url", new UriType(SEX_VS)).andParameter("coding", new Coding(SEX, "9", null)).execute();
        assertThat(((BooleanType) outside.getParameter("result").getValue()).booleanValue()).isFalse();
    }

    @Test
    void translateMapsHospitalCodesToNationalOnesAndBack() {
        Parameters forward = client.operation().onType(ConceptMap.class).named("$translate")
                .withParameter(Parameters.class, "system", new UriType(LOCAL_SEX)).andParameter("code", new CodeType("F"))
                .andParameter("targetsystem", new UriType(SEX)).execute();
        assertThat(((BooleanType) forward.getParameter("result").getValue()).booleanValue()).isTrue();
        Coding concept = (Coding) forward.getParameter().stream().filter(p -> "match".equals(p.getName())).findFirst().orElseThrow()
                .getPart().stream().filter(p -> "concept".equals(p.getName())).findFirst().orElseThrow().getValue();
        assertThat(concept.getCode()).isEqualTo("2");

        Parameters reverse = client.operation().onType(ConceptMap.class).named("$translate")
                .withParameter(Parameters.class, "targetSystem", new UriType(SEX)).andParameter("targetCode", new CodeType("1"))
                .andParameter("sourceSystem", new UriType(LOCAL_SEX)).execute();
        Coding source = (Coding) reverse.getParameter().stream().filter(p -> "match".equals(p.getName())).findFirst().orElseThrow()
                .getPart().stream().filter(p -> "source".equals(p.getName())).findFirst().orElseThrow().getValue();
        assertThat(source.getCode()).isEqualTo("M");
    }

    @Test
    void anUnknownSystemIsAnOperationOutcome() {
        assertThatThrownBy(() -> client.operation().onType(CodeSystem.class).named("$lookup")
                .withParameter(Parameters.class, "system", new UriType("http://nowhere.example.org/cs")).andParameter("code", new CodeType("1"))
                .execute())
                .isInstanceOfSatisfying(BaseServerResponseException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(404);
                    assertThat(((OperationOutcome) e.getOperationOutcome()).getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.NOTFOUND);
                });
    }

    @Test
    void aMalformedCodingIsABadRequest() throws Exception {
        String body = "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"url\",\"valueUri\":\"" + SEX_VS + "\"},"
                + "{\"name\":\"coding\",\"valueCoding\":{\"system\":\"" + SEX + "\",\"code\":{\"not\":\"a code\"}}}]}";
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/ValueSet/$validate-code"))
                .header("Content-Type", "application/fhir+json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("OperationOutcome");
        // A coding parameter that is not a Coding at all is refused too.
        assertThatThrownBy(() -> client.operation().onType(ValueSet.class).named("$validate-code")
                .withParameter(Parameters.class, "url", new UriType(SEX_VS)).andParameter("coding", new StringType("M")).execute())
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void anExpansionAboveTheLimitIsTooCostly() {
        assertThatThrownBy(() -> client.operation().onType(ValueSet.class).named("$expand")
                .withParameter(Parameters.class, "url", new UriType(ALL_SEX_VS)).andParameter("count", new IntegerType(100)).execute())
                .isInstanceOfSatisfying(BaseServerResponseException.class, e -> assertThat(((OperationOutcome) e.getOperationOutcome())
                        .getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.TOOCOSTLY));
    }

    @Test
    void metadataDeclaresATerminologyServer() {
        var statement = client.capabilities().ofType(org.hl7.fhir.r4.model.CapabilityStatement.class).execute();
        assertThat(statement.getInstantiates()).extracting(t -> t.getValue()).contains("http://hl7.org/fhir/CapabilityStatement/terminology-server");
    }

    private static Parameters lookup(String code, String language) {
        return client.operation().onType(CodeSystem.class).named("$lookup").withParameter(Parameters.class, "system", new UriType(SEX))
                .andParameter("code", new CodeType(code)).andParameter("displayLanguage", new CodeType(language)).execute();
    }

    /** GB/T 2261.1-2003 human sexes, under a grouping concept so that $subsumes has a hierarchy to follow. */
    static CodeSystem sexCodes() {
        CodeSystem cs = new CodeSystem().setUrl(SEX).setVersion("2003").setName("GBT2261_1").setStatus(Enumerations.PublicationStatus.ACTIVE)
                .setContent(CodeSystem.CodeSystemContentMode.COMPLETE);
        cs.setLanguage("en");
        cs.setHierarchyMeaning(CodeSystem.CodeSystemHierarchyMeaning.ISA);
        CodeSystem.ConceptDefinitionComponent known = cs.addConcept().setCode("known").setDisplay("Known sex");
        known.addDesignation().setLanguage("zh").setValue("已知的性别");
        concept(known.addConcept(), "1", "Male", "男性");
        concept(known.addConcept(), "2", "Female", "女性");
        concept(cs.addConcept(), "0", "Unknown", "未知的性别");
        concept(cs.addConcept(), "9", "Not stated", "未说明的性别");
        return cs;
    }

    private static void concept(CodeSystem.ConceptDefinitionComponent concept, String code, String english, String chinese) {
        concept.setCode(code).setDisplay(english).addDesignation().setLanguage("zh").setValue(chinese);
    }

    /** Male and female only; and the whole code system (5 concepts, above the test's limit of 3). */
    static ValueSet sexValueSet() {
        ValueSet vs = new ValueSet().setUrl(SEX_VS).setVersion("1").setName("GBT2261_1_MaleFemale").setStatus(Enumerations.PublicationStatus.ACTIVE);
        vs.getCompose().addInclude().setSystem(SEX).addConcept().setCode("1");
        vs.getCompose().getIncludeFirstRep().addConcept().setCode("2");
        return vs;
    }

    static ValueSet allSexes() {
        ValueSet vs = new ValueSet().setUrl(ALL_SEX_VS).setVersion("1").setName("GBT2261_1_All").setStatus(Enumerations.PublicationStatus.ACTIVE);
        vs.getCompose().addInclude().setSystem(SEX);
        return vs;
    }

    static CodeSystem localSexCodes() {
        CodeSystem cs = new CodeSystem().setUrl(LOCAL_SEX).setVersion("1").setName("HospitalASex").setStatus(Enumerations.PublicationStatus.ACTIVE)
                .setContent(CodeSystem.CodeSystemContentMode.COMPLETE);
        cs.addConcept().setCode("M").setDisplay("男");
        cs.addConcept().setCode("F").setDisplay("女");
        return cs;
    }

    static ConceptMap localToNational() {
        ConceptMap map = new ConceptMap().setUrl(LOCAL_TO_NATIONAL).setVersion("1").setName("HospitalASexToGBT2261")
                .setStatus(Enumerations.PublicationStatus.ACTIVE);
        ConceptMap.ConceptMapGroupComponent group = map.addGroup().setSource(LOCAL_SEX).setTarget(SEX);
        group.addElement().setCode("M").addTarget().setCode("1").setEquivalence(Enumerations.ConceptMapEquivalence.EQUIVALENT);
        group.addElement().setCode("F").addTarget().setCode("2").setEquivalence(Enumerations.ConceptMapEquivalence.EQUIVALENT);
        return map;
    }
}
