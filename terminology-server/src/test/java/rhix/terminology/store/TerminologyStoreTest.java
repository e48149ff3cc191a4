package rhix.terminology.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rhix.terminology.content.TerminologyResources.HeldVersion;

class TerminologyStoreTest {

    private static final String URL = "http://example.org/cs";

    @Test
    void aCodeSystemComesBackWithItsConceptsOrderDesignationsPropertiesAndNesting() {
        try (TerminologyStore store = TerminologyStore.open(null)) {
            CodeSystem source = codeSystem("1", "葡萄糖");
            store.put(source, ProgressListener.NONE);

            CodeSystem read = new TdbTerminologyResources(store).codeSystem(URL, "1").orElseThrow();

            assertThat(read.getTitle()).isEqualTo(source.getTitle());
            assertThat(read.getExtensionByUrl("http://example.org/ext").getValue().primitiveValue()).isEqualTo("kept");
            assertThat(read.getConcept()).extracting(CodeSystem.ConceptDefinitionComponent::getCode).containsExactly("B", "A", "P");
            CodeSystem.ConceptDefinitionComponent b = read.getConcept().getFirst();
            assertThat(b.getDisplay()).isEqualTo("葡萄糖");
            assertThat(b.getDesignation()).singleElement().satisfies(d -> {
                assertThat(d.getLanguage()).isEqualTo("en");
                assertThat(d.getValue()).isEqualTo("Glucose");
                assertThat(d.getUse().getCode()).isEqualTo("SHORTNAME");
            });
            assertThat(b.getConcept()).extracting(CodeSystem.ConceptDefinitionComponent::getCode).containsExactly("B2", "B1");
            CodeSystem.ConceptDefinitionComponent p = read.getConcept().get(2);
            assertThat(p.getProperty()).extracting(CodeSystem.ConceptPropertyComponent::getCode).containsExactly("parent", "note", "mapped");
            assertThat(p.getProperty().get(0).getValue()).isInstanceOf(CodeType.class);
            assertThat(((Coding) p.getProperty().get(2).getValue()).getSystem()).isEqualTo("http://loinc.org");
            assertThat(p.getConcept()).as("a parent by property is not nesting").isEmpty();
        }
    }

    @Test
    void versionsSitSideBySideAndNoVersionMeansTheNewest() {
        try (TerminologyStore store = TerminologyStore.open(null)) {
            store.put(codeSystem("2.10", "v2.10"), ProgressListener.NONE);
            store.put(codeSystem("2.9", "v2.9"), ProgressListener.NONE);
            TdbTerminologyResources resources = new TdbTerminologyResources(store);

            assertThat(resources.codeSystem(URL, null).orElseThrow().getVersion()).isEqualTo("2.10");
            assertThat(resources.codeSystem(URL, "2.9").orElseThrow().getConceptFirstRep().getDisplay()).isEqualTo("v2.9");
            assertThat(resources.codeSystem(URL, "3")).isEmpty();
            assertThat(resources.versions()).containsExactly(new HeldVersion("CodeSystem", URL, "2.9"), new HeldVersion("CodeSystem", URL, "2.10"));
        }
    }

    @Test
    void replacingOrDeletingAVersionIsSeenByTheCachedView() {
        try (TerminologyStore store = TerminologyStore.open(null)) {
            store.put(codeSystem("1", "before"), ProgressListener.NONE);
            TdbTerminologyResources resources = new TdbTerminologyResources(store);
            assertThat(resources.codeSystem(URL, "1").orElseThrow().getConceptFirstRep().getDisplay()).isEqualTo("before");

            store.put(codeSystem("1", "after"), ProgressListener.NONE);
            assertThat(resources.codeSystem(URL, "1").orElseThrow().getConceptFirstRep().getDisplay()).isEqualTo("after");
            long triples = store.triples(new ResourceKey("CodeSystem", URL, "1"));

            store.put(codeSystem("1", "after"), ProgressListener.NONE);
            assertThat(store.triples(new ResourceKey("CodeSystem", URL, "1"))).as("a replace leaves no stale triples").isEqualTo(triples);

            assertThat(store.delete(new ResourceKey("CodeSystem", URL, "1"))).isTrue();
            assertThat(resources.codeSystem(URL, "1")).isEmpty();
            assertThat(store.delete(new ResourceKey("CodeSystem", URL, "1"))).isFalse();
        }
    }

    @Test
    void conceptMapsAndValueSetsRoundTripAndMapsAreFoundBySourceOrTarget() {
        try (TerminologyStore store = TerminologyStore.open(null)) {
            ConceptMap map = new ConceptMap().setUrl("http://example.org/cm").setVersion("1").setStatus(Enumerations.PublicationStatus.ACTIVE)
                    .setSource(new UriType("http://example.org/local")).setTarget(new UriType("http://loinc.org"));
            ConceptMap.ConceptMapGroupComponent group = map.addGroup().setSource("http://example.org/local").setTarget("http://loinc.org");
            group.addElement().setCode("GLU").setDisplay("葡萄糖").addTarget().setCode("2345-7")
                    .setEquivalence(Enumerations.ConceptMapEquivalence.EQUIVALENT)
                    .addDependsOn().setProperty("unit").setValue("mg/dL");
            group.getUnmapped().setMode(ConceptMap.ConceptMapGroupUnmappedMode.FIXED).setCode("unknown");
            store.put(map, ProgressListener.NONE);
            ValueSet valueSet = new ValueSet().setUrl("http://example.org/vs").setStatus(Enumerations.PublicationStatus.ACTIVE);
            valueSet.getCompose().addInclude().setSystem("http://loinc.org").addConcept().setCode("2345-7")
                    .addExtension(new Extension("http://example.org/window", new StringType("7 d")));
            store.put(valueSet, ProgressListener.NONE);
            TdbTerminologyResources resources = new TdbTerminologyResources(store);

            ConceptMap read = resources.conceptMap("http://example.org/cm", null).orElseThrow();
            ConceptMap.TargetElementComponent target = read.getGroupFirstRep().getElementFirstRep().getTargetFirstRep();
            assertThat(target.getCode()).isEqualTo("2345-7");
            assertThat(target.getEquivalence()).isEqualTo(Enumerations.ConceptMapEquivalence.EQUIVALENT);
            assertThat(target.getDependsOnFirstRep().getValue()).isEqualTo("mg/dL");
            assertThat(read.getGroupFirstRep().getUnmapped().getCode()).isEqualTo("unknown");
            assertThat(resources.conceptMapsFor("http://loinc.org")).hasSize(1);
            assertThat(resources.conceptMapsFor("http://example.org/local")).hasSize(1);
            assertThat(resources.conceptMapsFor("http://example.org/other")).isEmpty();
            assertThat(resources.valueSet("http://example.org/vs", null).orElseThrow().getCompose().getIncludeFirstRep().getConceptFirstRep()
                    .getExtensionByUrl("http://example.org/window").getValue().primitiveValue()).isEqualTo("7 d");
        }
    }

    @Test
    void anOnDiskStoreKeepsItsContentAcrossReopening(@TempDir Path directory) {
        try (TerminologyStore store = TerminologyStore.open(directory.resolve("tdb"))) {
            store.put(codeSystem("1", "persisted"), ProgressListener.NONE);
        }
        try (TerminologyStore store = TerminologyStore.open(directory.resolve("tdb"))) {
            assertThat(store.held()).extracting(HeldResource::key).containsExactly(new ResourceKey("CodeSystem", URL, "1"));
            assertThat(new TdbTerminologyResources(store).codeSystem(URL, null).orElseThrow().getConceptFirstRep().getDisplay())
                    .isEqualTo("persisted");
        }
    }

    @Test
    void theBulkLoaderWritesANewVersionTheSameWayAndRefusesAHeldOne(@TempDir Path directory) {
        try (TerminologyStore store = TerminologyStore.open(directory.resolve("bulk"))) {
            WriteReport bulk = store.putBulk(codeSystem("1", "bulk"), TerminologyStore.BulkLoader.SEQUENTIAL, ProgressListener.NONE);
            store.put(codeSystem("2", "bulk"), ProgressListener.NONE);
            assertThat(store.triples(bulk.key())).isEqualTo(bulk.triples());
            TdbTerminologyResources resources = new TdbTerminologyResources(store);
            assertThat(resources.codeSystem(URL, "1").orElseThrow().getConcept()).extracting(CodeSystem.ConceptDefinitionComponent::getCode)
                    .containsExactly("B", "A", "P");
            org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                    store.putBulk(codeSystem("1", "again"), TerminologyStore.BulkLoader.SEQUENTIAL, ProgressListener.NONE))
                    .hasMessageContaining("is held");
        }
    }

    @Test
    void versionsOrderNumericallyPartByPart() {
        assertThat(List.of("2.9", "2.10", "1", "2023", "2.9.1").stream().sorted(VersionOrder.INSTANCE).toList())
                .containsExactly("1", "2.9", "2.9.1", "2.10", "2023");
    }

    private static CodeSystem codeSystem(String version, String firstDisplay) {
        CodeSystem cs = new CodeSystem().setUrl(URL).setVersion(version).setName("Example").setTitle("示例")
                .setStatus(Enumerations.PublicationStatus.ACTIVE).setContent(CodeSystem.CodeSystemContentMode.COMPLETE);
        cs.setLanguage("zh");
        cs.addExtension(new Extension("http://example.org/ext", new StringType("kept")));
        cs.addProperty().setCode("parent").setType(CodeSystem.PropertyType.CODE);
        CodeSystem.ConceptDefinitionComponent b = cs.addConcept().setCode("B").setDisplay(firstDisplay);
        b.addDesignation().setLanguage("en").setValue("Glucose").setUse(new Coding("http://loinc.org", "SHORTNAME", null));
        b.addConcept().setCode("B2").setDisplay("second child listed first");
        b.addConcept().setCode("B1").setDisplay("first child listed second");
        cs.addConcept().setCode("A").setDisplay("A");
        CodeSystem.ConceptDefinitionComponent p = cs.addConcept().setCode("P").setDisplay("P");
        p.addProperty().setCode("parent").setValue(new CodeType("A"));
        p.addProperty().setCode("note").setValue(new StringType("a note"));
        p.addProperty().setCode("mapped").setValue(new Coding("http://loinc.org", "2345-7", null));
        return cs;
    }
}
