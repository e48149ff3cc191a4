package rhix.terminology.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rhix.terminology.store.ProgressListener;

/**
 * Reads a code system from CSV (UTF-8, comma-separated, RFC 4180 quoting, one header row):
 * <pre>
 * code,display_zh,display_en,parent
 * </pre>
 * {@code code} is required and unique; {@code display_zh} becomes the display (the system's language is
 * zh), {@code display_en} an English designation; {@code parent} is the code of the concept it is-a
 * (empty for a root) and nests the concept under it (stored as skos:broader). Columns may come in any
 * order; other columns are ignored.
 */
public final class CsvCodeSystemLoader {

    private static final Logger LOG = LoggerFactory.getLogger(CsvCodeSystemLoader.class);

    /** Parses the CSV into an R4 CodeSystem (complete content, is-a hierarchy); rows done of unknown total report -1. */
    public CodeSystem read(Reader csv, CsvCodeSystem metadata, ProgressListener progress) {
        long started = System.nanoTime();
        CodeSystem codeSystem = new CodeSystem();
        codeSystem.setUrl(metadata.url()).setVersion(metadata.version()).setName(metadata.name()).setTitle(metadata.title())
                .setStatus(PublicationStatus.ACTIVE).setContent(CodeSystem.CodeSystemContentMode.COMPLETE)
                .setHierarchyMeaning(CodeSystem.CodeSystemHierarchyMeaning.ISA).setLanguage("zh");
        Map<String, ConceptDefinitionComponent> byCode = new LinkedHashMap<>();
        Map<String, String> parentOf = new HashMap<>();
        try (BufferedReader reader = new BufferedReader(csv)) {
            List<String> header = parseLine(reader.readLine());
            int code = column(header, "code", true);
            int zh = column(header, "display_zh", false);
            int en = column(header, "display_en", false);
            int parent = column(header, "parent", false);
            String line;
            long rows = 0;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                List<String> fields = parseLine(line);
                ConceptDefinitionComponent concept = new ConceptDefinitionComponent().setCode(field(fields, code));
                if (concept.getCode() == null) {
                    throw new IllegalArgumentException("row " + (rows + 2) + " has no code");
                }
                String displayZh = field(fields, zh);
                String displayEn = field(fields, en);
                concept.setDisplay(displayZh != null ? displayZh : displayEn);
                if (displayZh != null && displayEn != null) {
                    concept.addDesignation().setLanguage("en").setValue(displayEn);
                }
                if (byCode.put(concept.getCode(), concept) != null) {
                    throw new IllegalArgumentException("code " + concept.getCode() + " appears twice");
                }
                String parentCode = field(fields, parent);
                if (parentCode != null) {
                    parentOf.put(concept.getCode(), parentCode);
                }
                if (++rows % 10_000 == 0) {
                    progress.progress(rows, -1);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read CSV for " + metadata.url(), e);
        }
        // Parents may come after their children in the file: nest once everything is read.
        for (ConceptDefinitionComponent concept : byCode.values()) {
            String parentCode = parentOf.get(concept.getCode());
            if (parentCode == null) {
                codeSystem.addConcept(concept);
            } else {
                ConceptDefinitionComponent parent = byCode.get(parentCode);
                if (parent == null) {
                    throw new IllegalArgumentException(concept.getCode() + " has parent " + parentCode + ", which is not in the file");
                }
                parent.addConcept(concept);
            }
        }
        codeSystem.setCount(byCode.size());
        LOG.info("read {} concepts of {} from CSV in {} ms", byCode.size(), metadata.url(),
                Duration.ofNanos(System.nanoTime() - started).toMillis());
        return codeSystem;
    }

    private static int column(List<String> header, String name, boolean required) {
        int index = header.indexOf(name);
        if (index < 0 && required) {
            throw new IllegalArgumentException("CSV header lacks the column " + name + ": " + header);
        }
        return index;
    }

    private static String field(List<String> fields, int index) {
        if (index < 0 || index >= fields.size()) {
            return null;
        }
        String value = fields.get(index).strip();
        return value.isEmpty() ? null : value;
    }

    /** One CSV line with RFC 4180 quoting (no line breaks inside fields). */
    static List<String> parseLine(String line) {
        if (line == null) {
            throw new IllegalArgumentException("the CSV is empty");
        }
        List<String> fields = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    current.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    current.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(current.toString());
                current.setLength(0);
            } else if (c != '\uFEFF' || i > 0) {
                current.append(c);
            }
        }
        fields.add(current.toString());
        return fields;
    }
}
