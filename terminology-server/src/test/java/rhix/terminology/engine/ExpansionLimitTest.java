package rhix.terminology.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.ValueSet;
import org.hl7.fhir.r5.model.CodeType;
import org.hl7.fhir.r5.model.Parameters;
import org.hl7.fhir.r5.model.UriType;
import org.junit.jupiter.api.Test;
import rhix.terminology.content.InMemoryTerminologyResources;
import rhix.terminology.load.GeneratedHierarchy;

/**
 * The server's {@code maximum-expansion-size} is the limit on the core engine's path too (a request the fast path
 * declines, here one asking for English displays), not the core library's own default of 1,000.
 */
class ExpansionLimitTest {

    private static final GeneratedHierarchy HIERARCHY = new GeneratedHierarchy(26_200);
    private static final String VALUE_SET = "http://rhix.org.cn/fhir/ValueSet/two-branches";
    /** C3 and C7 with everything below them. */
    private static final int MEMBERS = 5_240;

    @Test
    void anExpansionWithinTheServersLimitIsServedByTheCoreEngine() {
        org.hl7.fhir.r5.model.ValueSet expanded = engine(10_000).contextFor(List.of(), null).expand(inEnglish(), null);
        assertThat(expanded.getExpansion().getContains()).hasSize(MEMBERS);
        assertThat(expanded.getExpansion().getContainsFirstRep().getDisplay()).startsWith("Concept ");
    }

    @Test
    void anExpansionAboveTheServersLimitIsTooCostly() {
        assertThatThrownBy(() -> engine(5_000).contextFor(List.of(), null).expand(inEnglish(), null))
                .isInstanceOfSatisfying(TerminologyFailure.class, failure -> {
                    assertThat(failure.httpStatus()).isEqualTo(422);
                    assertThat(failure.outcome().getIssueFirstRep().getCode().toCode()).isEqualTo("too-costly");
                });
    }

    private static TerminologyEngine engine(int maximumExpansionSize) {
        ValueSet branches = new ValueSet().setUrl(VALUE_SET).setVersion("1").setStatus(PublicationStatus.ACTIVE);
        for (String root : List.of("C3", "C7")) {
            branches.getCompose().addInclude().setSystem(GeneratedHierarchy.URL).addFilter().setProperty("concept")
                    .setOp(ValueSet.FilterOperator.ISA).setValue(root);
        }
        return new TerminologyEngine(new InMemoryTerminologyResources().add(HIERARCHY.codeSystem("1")).add(branches), maximumExpansionSize);
    }

    private static Parameters inEnglish() {
        Parameters request = new Parameters();
        request.addParameter("url", new UriType(VALUE_SET));
        request.addParameter("displayLanguage", new CodeType("en"));
        return request;
    }
}
