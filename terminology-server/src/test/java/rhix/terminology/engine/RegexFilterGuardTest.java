package rhix.terminology.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.ValueSet;
import org.hl7.fhir.r5.model.Parameters;
import org.hl7.fhir.r5.model.UriType;
import org.junit.jupiter.api.Test;
import rhix.terminology.content.InMemoryTerminologyResources;

/** A catastrophic regex filter is refused within its time budget, naming the filter and the code; a sane one runs. */
class RegexFilterGuardTest {

    private static final String SYSTEM = "http://rhix.example.org/fhir/CodeSystem/regex-test";
    private static final String ATTACK = "a".repeat(40) + "!";

    @Test
    void nestedQuantifiersOnAHostileCodeAreRefusedInTime() {
        TerminologyEngine engine = engine("((a+)+)+");
        long started = System.nanoTime();
        assertThatThrownBy(() -> engine.contextFor(List.of(), null).expand(expand(), null)).isInstanceOfSatisfying(TerminologyFailure.class,
                failure -> {
                    assertThat(failure.httpStatus()).isEqualTo(422);
                    assertThat(failure.outcome().getIssueFirstRep().getDetails().getText())
                            .isEqualTo("The regex filter '((a+)+)+' took too long to evaluate against code '" + ATTACK + "'");
                });
        assertThat((System.nanoTime() - started) / 1_000_000).as("milliseconds").isLessThan(5_000);
    }

    @Test
    void anOrdinaryRegexExpands() {
        org.hl7.fhir.r5.model.ValueSet expanded = engine("a+").contextFor(List.of(), null).expand(expand(), null);
        assertThat(expanded.getExpansion().getContains()).extracting(org.hl7.fhir.r5.model.ValueSet.ValueSetExpansionContainsComponent::getCode)
                .containsExactly("aaa");
    }

    private static TerminologyEngine engine(String regex) {
        CodeSystem codeSystem = new CodeSystem().setUrl(SYSTEM).setVersion("1").setStatus(PublicationStatus.ACTIVE)
                .setContent(CodeSystem.CodeSystemContentMode.COMPLETE);
        codeSystem.addConcept().setCode("aaa");
        codeSystem.addConcept().setCode(ATTACK);
        ValueSet valueSet = new ValueSet().setUrl("http://rhix.example.org/fhir/ValueSet/regex-test").setVersion("1")
                .setStatus(PublicationStatus.ACTIVE);
        valueSet.getCompose().addInclude().setSystem(SYSTEM).addFilter().setProperty("code").setOp(ValueSet.FilterOperator.REGEX).setValue(regex);
        return new TerminologyEngine(new InMemoryTerminologyResources().add(codeSystem).add(valueSet), 100);
    }

    private static Parameters expand() {
        Parameters request = new Parameters();
        request.addParameter("url", new UriType("http://rhix.example.org/fhir/ValueSet/regex-test"));
        return request;
    }
}
