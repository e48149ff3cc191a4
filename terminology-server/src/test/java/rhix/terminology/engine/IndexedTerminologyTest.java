package rhix.terminology.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.ValueSet;
import org.hl7.fhir.r5.model.Coding;
import org.hl7.fhir.r5.model.IntegerType;
import org.hl7.fhir.r5.model.Parameters;
import org.hl7.fhir.r5.model.UriType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import rhix.terminology.content.InMemoryTerminologyResources;
import rhix.terminology.load.GeneratedHierarchy;

/**
 * The fast path ({@code engine.index}) answers as the core engine does, on a 6-level hierarchy and a value set
 * of two {@code is-a} branches; what it cannot answer the core engine still does.
 */
class IndexedTerminologyTest {

    private static final GeneratedHierarchy HIERARCHY = new GeneratedHierarchy(26_200);
    private static final String VALUE_SET = "http://rhix.org.cn/fhir/ValueSet/generated-branches";
    private static final int MAXIMUM_EXPANSION = 1_000;

    static TerminologyEngine engine;

    @BeforeAll
    static void load() {
        ValueSet branches = new ValueSet().setUrl(VALUE_SET).setVersion("1").setStatus(PublicationStatus.ACTIVE);
        for (String root : List.of("C3", "C7")) {
            branches.getCompose().addInclude().setSystem(GeneratedHierarchy.URL).addFilter().setProperty("concept")
                    .setOp(org.hl7.fhir.r4.model.ValueSet.FilterOperator.ISA).setValue(root);
        }
        engine = new TerminologyEngine(new InMemoryTerminologyResources().add(HIERARCHY.codeSystem("1")).add(branches), MAXIMUM_EXPANSION);
    }

    @Test
    void positiveValidationEqualsTheCoreEnginesAnswer() {
        TerminologyContext fast = engine.contextFor(List.of(), null);
        assertThat(fast.indexed()).isNotNull();
        TerminologyContext core = coreOnly(fast);
        // C3 itself, a child, a grandchild and a leaf at the bottom level under C7.
        for (String code : List.of("C3", "C13", "C113", "C26197")) {
            assertThat(HIERARCHY.chain(Integer.parseInt(code.substring(1)))).containsAnyOf("C3", "C7");
            Parameters byCode = validateRequest(code);
            Parameters answer = fast.validateCode(byCode, false, null);
            assertThat(answer.getParameterBool("result")).as(code).isTrue();
            assertThat(answer.equalsDeep(core.validateCode(validateRequest(code), false, null))).as("same answer for " + code).isTrue();

            Parameters byCoding = new Parameters();
            byCoding.addParameter("url", new UriType(VALUE_SET));
            byCoding.addParameter("coding", new Coding(GeneratedHierarchy.URL, code, null));
            assertThat(fast.indexed().validateCode(byCoding, null)).as("fast path taken for a coding").isPresent();
        }
    }

    @Test
    void refusalsEqualTheCoreEnginesAnswerIssueForIssue() {
        TerminologyContext fast = engine.contextFor(List.of(), null);
        TerminologyContext core = coreOnly(fast);
        // C4 is a concept of the system outside both branches; NOPE is no concept of it at all.
        for (String code : List.of("C4", "C26196", "NOPE")) {
            Parameters answer = fast.indexed().validateCode(validateRequest(code), null).orElseThrow();
            assertThat(answer.getParameterBool("result")).as(code).isFalse();
            Parameters coreAnswer = core.validateCode(validateRequest(code), false, null);
            assertThat(answer.equalsDeep(coreAnswer)).as("same refusal for " + code + ": " + coreAnswer.getParameterString("message")).isTrue();
        }
        // A Coding, or a display to check, is worded by the core engine.
        Parameters byCoding = new Parameters();
        byCoding.addParameter("url", new UriType(VALUE_SET));
        byCoding.addParameter("coding", new Coding(GeneratedHierarchy.URL, "C4", null));
        assertThat(fast.indexed().validateCode(byCoding, null)).isEmpty();
        assertThat(fast.validateCode(byCoding, false, null).getParameterBool("result")).isFalse();
    }

    @Test
    void aPageOfTheExpansionHoldsTheCoreEnginesCodesInOrder() {
        TerminologyContext fast = engine.contextFor(List.of(), null);
        org.hl7.fhir.r5.model.ValueSet page = fast.expand(expandRequest(100, 250), null);
        org.hl7.fhir.r5.model.ValueSet corePage = coreOnly(fast).expand(expandRequest(100, 250), null);

        assertThat(page.getExpansion().getTotal()).isEqualTo(corePage.getExpansion().getTotal()).isGreaterThan(MAXIMUM_EXPANSION);
        assertThat(page.getExpansion().getContains()).hasSize(100);
        assertThat(page.getExpansion().getContains()).extracting(c -> c.getCode() + " " + c.getDisplay())
                .containsExactlyElementsOf(corePage.getExpansion().getContains().stream().map(c -> c.getCode() + " " + c.getDisplay()).toList());
        assertThat(page.getExpansion().getParameter()).extracting(org.hl7.fhir.r5.model.ValueSet.ValueSetExpansionParameterComponent::getName)
                .contains("used-codesystem", "offset", "count");
    }

    @Test
    void theWholeExpansionBeyondTheLimitIsTooCostly() {
        Parameters whole = new Parameters();
        whole.addParameter("url", new UriType(VALUE_SET));
        assertThatThrownBy(() -> engine.contextFor(List.of(), null).expand(whole, null)).isInstanceOfSatisfying(TerminologyFailure.class,
                failure -> {
                    assertThat(failure.httpStatus()).isEqualTo(422);
                    assertThat(failure.outcome().getIssueFirstRep().getCode().toCode()).isEqualTo("too-costly");
                });
    }

    @Test
    void requestsWithTheirOwnResourcesOrLanguageTakeTheCoreEngine() {
        assertThat(engine.contextFor(List.of(new org.hl7.fhir.r5.model.CodeSystem().setUrl("urn:x")), null).indexed()).isNull();
        assertThat(engine.contextFor(List.of(), "client-1").indexed()).isNull();
        assertThat(engine.contextFor(List.of(), null).indexed().validateCode(validateRequest("C3"), "en")).isEmpty();
    }

    @Test
    void codeSystemValidationOfAHeldCodeEqualsTheCoreEnginesAnswer() {
        TerminologyContext fast = engine.contextFor(List.of(), null);
        Parameters request = codeSystemRequest(GeneratedHierarchy.URL, "C26197");
        assertThat(fast.indexed().validateCodeInCodeSystem(request, null)).isPresent();
        assertThat(fast.validateCode(request, true, null).equalsDeep(coreOnly(fast).validateCode(codeSystemRequest(GeneratedHierarchy.URL, "C26197"),
                true, null))).isTrue();
    }

    @Test
    void aFragmentGivesAVerdictOnTheCodesItHolds() {
        org.hl7.fhir.r4.model.CodeSystem icd = new org.hl7.fhir.r4.model.CodeSystem().setUrl("http://hl7.org/fhir/sid/icd-10")
                .setVersion("2019-subset").setStatus(PublicationStatus.ACTIVE)
                .setContent(org.hl7.fhir.r4.model.CodeSystem.CodeSystemContentMode.FRAGMENT);
        icd.addConcept().setCode("E11.9").setDisplay("2型糖尿病不伴有并发症");
        TerminologyContext fragment = new TerminologyEngine(new InMemoryTerminologyResources().add(icd), MAXIMUM_EXPANSION)
                .contextFor(List.of(), null);

        Parameters held = fragment.validateCode(codeSystemRequest("http://hl7.org/fhir/sid/icd-10", "E11.9"), true, null);
        assertThat(held.getParameterBool("result")).isTrue();
        assertThat(held.getParameterString("display")).isEqualTo("2型糖尿病不伴有并发症");
        // The core engine alone gives no verdict on a fragment, even for a code it holds.
        Parameters coreAnswer = coreOnly(fragment).validateCode(codeSystemRequest("http://hl7.org/fhir/sid/icd-10", "E11.9"), true, null);
        assertThat(coreAnswer.getParameterBool("result")).isFalse();
        // A code the fragment lacks: not published in the region, which is said as such (not "cannot validate").
        Parameters missing = fragment.validateCode(codeSystemRequest("http://hl7.org/fhir/sid/icd-10", "Z99.9"), true, null);
        assertThat(missing.getParameterBool("result")).isFalse();
        assertThat(missing.getParameterString("message")).contains("'Z99.9'", "not in the region's subset", "may exist in the full system");
    }

    private static Parameters codeSystemRequest(String system, String code) {
        Parameters request = new Parameters();
        request.addParameter("url", new UriType(system));
        request.addParameter("code", new org.hl7.fhir.r5.model.CodeType(code));
        return request;
    }

    private static TerminologyContext coreOnly(TerminologyContext fast) {
        return new TerminologyContext(fast.worker(), fast.resources(), fast.maximumExpansionSize(), List.of(), null);
    }

    private static Parameters validateRequest(String code) {
        Parameters request = new Parameters();
        request.addParameter("url", new UriType(VALUE_SET));
        request.addParameter("system", new UriType(GeneratedHierarchy.URL));
        request.addParameter("code", new org.hl7.fhir.r5.model.CodeType(code));
        return request;
    }

    private static Parameters expandRequest(int count, int offset) {
        Parameters request = new Parameters();
        request.addParameter("url", new UriType(VALUE_SET));
        request.addParameter("count", new IntegerType(count));
        request.addParameter("offset", new IntegerType(offset));
        return request;
    }
}
