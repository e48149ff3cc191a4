package rhix.terminology.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import org.hl7.fhir.r4.model.CodeSystem;
import org.junit.jupiter.api.Test;
import rhix.terminology.store.ProgressListener;

class CsvCodeSystemLoaderTest {

    private static final CsvCodeSystem METADATA = new CsvCodeSystem("http://example.org/csv", "1", "Csv", "CSV 示例");

    @Test
    void readsQuotedFieldsAnyColumnOrderAndNestsChildrenListedBeforeTheirParents() {
        String csv = "parent,code,display_en,display_zh,ignored\n"
                + "A,A1,\"Child, first\",\"子项\"\"一\"\"\",x\n"
                + ",A,Root,根,\n";
        CodeSystem codeSystem = new CsvCodeSystemLoader().read(new StringReader(csv), METADATA, ProgressListener.NONE);

        assertThat(codeSystem.getConcept()).singleElement().satisfies(root -> {
            assertThat(root.getCode()).isEqualTo("A");
            assertThat(root.getConcept()).singleElement().satisfies(child -> {
                assertThat(child.getDisplay()).isEqualTo("子项\"一\"");
                assertThat(child.getDesignationFirstRep().getValue()).isEqualTo("Child, first");
                assertThat(child.getDesignationFirstRep().getLanguage()).isEqualTo("en");
            });
        });
        assertThat(codeSystem.getCount()).isEqualTo(2);
        assertThat(codeSystem.getLanguage()).isEqualTo("zh");
    }

    @Test
    void refusesAnUnknownParentADuplicateCodeAndAMissingCodeColumn() {
        CsvCodeSystemLoader loader = new CsvCodeSystemLoader();
        assertThatThrownBy(() -> loader.read(new StringReader("code,parent\nB,Z\n"), METADATA, ProgressListener.NONE))
                .hasMessageContaining("parent Z");
        assertThatThrownBy(() -> loader.read(new StringReader("code\nB\nB\n"), METADATA, ProgressListener.NONE))
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> loader.read(new StringReader("name\nB\n"), METADATA, ProgressListener.NONE))
                .hasMessageContaining("column code");
    }
}
