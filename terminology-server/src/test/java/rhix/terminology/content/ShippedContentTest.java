package rhix.terminology.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;
import rhix.terminology.load.LoadSummary;
import rhix.terminology.load.ShippedContent;
import rhix.terminology.store.ProgressListener;
import rhix.terminology.store.TdbTerminologyResources;
import rhix.terminology.store.TerminologyStore;
import rhix.terminology.store.TerminologyVocabulary;

class ShippedContentTest {

    @Test
    void theShippedContentLoadsOnceAndSaysWhatTheRegionNeeds() {
        try (TerminologyStore store = TerminologyStore.open(null)) {
            LoadSummary first = ShippedContent.load(store, ProgressListener.NONE);
            assertThat(first.written()).hasSize(ShippedContent.files().size());
            LoadSummary again = ShippedContent.load(store, ProgressListener.NONE);
            assertThat(again.written()).as("idempotent").isEmpty();
            assertThat(again.skipped()).hasSize(first.written().size());

            TdbTerminologyResources resources = new TdbTerminologyResources(store);
            CodeSystem divisions = resources.codeSystem("http://rhix.org.cn/fhir/CodeSystem/gbt-2260", null).orElseThrow();
            assertThat(divisions.getConcept()).as("every province-level division").hasSize(34);
            String parentOfShangcheng = TerminologyVocabulary.SPARQL_PREFIXES
                    + "SELECT ?parent WHERE { GRAPH ?g { ?c skos:notation \"330102\" ; skos:broader ?p . ?p skos:notation ?parent } }";
            assertThat(select(store, parentOfShangcheng, "parent")).containsExactly("330100");

            String glucoseZh = TerminologyVocabulary.SPARQL_PREFIXES
                    + "SELECT ?label WHERE { GRAPH ?g { ?c skos:notation \"2345-7\" ; skos:prefLabel ?label FILTER(lang(?label) = \"zh\") } }";
            assertThat(select(store, glucoseZh, "label")).containsExactly("葡萄糖（质量浓度）");
            CodeSystem loinc = resources.codeSystem("http://loinc.org", null).orElseThrow();
            assertThat(loinc.getCopyright()).contains("Regenstrief");

            CodeSystem sex = resources.codeSystem("http://rhix.org.cn/fhir/CodeSystem/gbt-2261.1", null).orElseThrow();
            assertThat(sex.getConcept()).filteredOn(c -> c.getCode().equals("2")).singleElement()
                    .satisfies(c -> assertThat(c.getDisplay()).isEqualTo("女性"));
            CodeSystem icd = resources.codeSystem("http://hl7.org/fhir/sid/icd-10", null).orElseThrow();
            assertThat(icd.getConcept()).extracting(CodeSystem.ConceptDefinitionComponent::getCode).contains("I10", "E11.9", "R51").hasSize(32);

            ValueSet mutual = resources.valueSet("http://rhix.org.cn/fhir/ValueSet/mutual-recognition", null).orElseThrow();
            ValueSet.ConceptReferenceComponent glucose = mutual.getCompose().getIncludeFirstRep().getConcept().stream()
                    .filter(c -> c.getCode().equals("2345-7")).findFirst().orElseThrow();
            Duration window = (Duration) glucose.getExtensionByUrl("http://rhix.org.cn/fhir/StructureDefinition/mutual-recognition-window").getValue();
            assertThat(window.getValue().intValue()).isEqualTo(7);
            assertThat(mutual.getCompose().getIncludeFirstRep().getConcept()).allSatisfy(item ->
                    assertThat(loinc.getConcept()).anyMatch(c -> c.getCode().equals(item.getCode())));
        }
    }

    private static List<String> select(TerminologyStore store, String query, String variable) {
        return org.apache.jena.system.Txn.calculateRead(store.dataset(), () -> {
            try (var execution = org.apache.jena.query.QueryExecution.dataset(org.apache.jena.query.DatasetFactory.wrap(store.dataset())).query(query).build()) {
                List<String> values = new java.util.ArrayList<>();
                execution.execSelect().forEachRemaining(row -> values.add(row.getLiteral(variable).getLexicalForm()));
                return values;
            }
        });
    }
}
