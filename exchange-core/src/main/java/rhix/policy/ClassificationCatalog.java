package rhix.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The GB/T 39725-2020 classification of every column of the platform's views, loaded from
 * {@code policy/classification.json}. The catalog is the allow-list of releasable columns: a column it
 * does not know is refused ({@link UnclassifiedColumnException}), never released at some default level.
 */
public final class ClassificationCatalog {

    public static final String RESOURCE = "policy/classification.json";
    private static final Set<String> FIELDS = Set.of("view", "column", "category", "level", "kind", "why");

    private final Map<ColumnRef, ColumnClassification> columns;

    public ClassificationCatalog(Collection<ColumnClassification> classifications) {
        Map<ColumnRef, ColumnClassification> byColumn = new LinkedHashMap<>();
        for (ColumnClassification classification : classifications) {
            if (byColumn.putIfAbsent(classification.column(), classification) != null) {
                throw new IllegalArgumentException("column " + classification.column() + " is classified twice");
            }
        }
        this.columns = Collections.unmodifiableMap(byColumn);
    }

    /** The catalog shipped with the platform. */
    public static ClassificationCatalog load() {
        return parse(RESOURCE, PolicyJson.readResource(RESOURCE));
    }

    /** A catalog from a file, e.g. a region's own classification replacing the shipped one. */
    public static ClassificationCatalog load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(file.toString(), PolicyJson.read(file.toString(), in));
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot be read", e);
        }
    }

    static ClassificationCatalog parse(String source, JsonNode root) {
        PolicyJson.onlyFields(source, "top level", root, Set.of("standard", "columns"));
        Map<ColumnRef, ColumnClassification> byColumn = new LinkedHashMap<>();
        int index = 0;
        for (JsonNode node : PolicyJson.array(source, root, "columns")) {
            String entry = "columns[" + index++ + "]";
            PolicyJson.onlyFields(source, entry, node, FIELDS);
            ColumnRef column = ColumnRef.of(
                    PolicyJson.text(source, entry, node, "view"), PolicyJson.text(source, entry, node, "column"));
            entry += " (" + column + ")";
            ColumnClassification classification = new ColumnClassification(column,
                    PolicyJson.enumField(source, entry, node, "category", DataCategory.class),
                    PolicyJson.enumField(source, entry, node, "level", SensitivityLevel.class),
                    PolicyJson.enumField(source, entry, node, "kind", ValueKind.class));
            if (byColumn.putIfAbsent(column, classification) != null) {
                throw new IllegalArgumentException(source + ": " + entry + ": duplicate column " + column);
            }
        }
        return new ClassificationCatalog(byColumn.values());
    }

    /** The column's classification; refused when nobody classified it. */
    public ColumnClassification classify(ColumnRef column) {
        ColumnClassification classification = columns.get(column);
        if (classification == null) {
            throw new UnclassifiedColumnException(column);
        }
        return classification;
    }

    public ColumnClassification classify(String view, String column) {
        return classify(ColumnRef.of(view, column));
    }

    public Optional<ColumnClassification> find(ColumnRef column) {
        return Optional.ofNullable(columns.get(column));
    }

    /** Every classified column of {@code view}, in catalog order. */
    public List<ColumnClassification> view(String view) {
        return columns.values().stream().filter(c -> c.view().equals(view)).toList();
    }

    public Collection<ColumnClassification> all() {
        return columns.values();
    }
}
