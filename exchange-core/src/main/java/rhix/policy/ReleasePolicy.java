package rhix.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What each purpose of use may receive and how each column is de-identified by default, loaded from
 * {@code policy/release-policy.json}: per purpose, whether rows leave nodes at all, which GB/T 39725
 * categories the purpose needs, and an ordered rule list (first match wins) from sensitivity level and
 * value kind to a {@link Protection}.
 *
 * <p>The file is data so that a region's commission can tighten it; two lines are code, checked when it
 * loads, because no configuration may cross them: a level-5 column is never released in clear, and a
 * direct identifier (name, resident ID, phone, person IDs) is released in clear only for treatment.
 * Loading also checks that every level and kind has a rule and that every rule's method applies to the
 * kinds it covers, so a gap is found at start-up, not when a researcher's query reaches the column.
 */
public final class ReleasePolicy {

    public static final String RESOURCE = "policy/release-policy.json";
    private static final Set<String> PURPOSE_FIELDS = Set.of("purpose", "rows", "categories", "rules", "why");
    private static final Set<String> RULE_FIELDS = Set.of("levels", "kinds", "method", "generalisation", "why");

    /** What one purpose may receive. */
    public record PurposeScope(PurposeOfUse purpose, boolean rowsReleased, Set<DataCategory> categories,
                               Map<SensitivityLevel, Map<ValueKind, Protection>> protections) {

        public PurposeScope {
            categories = Collections.unmodifiableSet(EnumSet.copyOf(categories));
            protections = Collections.unmodifiableMap(new EnumMap<>(protections));
        }

        public Protection protectionFor(SensitivityLevel level, ValueKind kind) {
            return protections.get(level).get(kind);
        }
    }

    private final Map<PurposeOfUse, PurposeScope> scopes;

    private ReleasePolicy(Map<PurposeOfUse, PurposeScope> scopes) {
        this.scopes = Collections.unmodifiableMap(scopes);
    }

    /** The policy shipped with the platform. */
    public static ReleasePolicy load() {
        return parse(RESOURCE, PolicyJson.readResource(RESOURCE));
    }

    public static ReleasePolicy load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(file.toString(), PolicyJson.read(file.toString(), in));
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot be read", e);
        }
    }

    public PurposeScope scope(PurposeOfUse purpose) {
        return scopes.get(purpose);
    }

    /** The default protection of a column released for {@code purpose}. */
    public Protection defaultProtection(PurposeOfUse purpose, ColumnClassification column) {
        return scope(purpose).protectionFor(column.level(), column.kind());
    }

    static ReleasePolicy parse(String source, JsonNode root) {
        PolicyJson.onlyFields(source, "top level", root, Set.of("standard", "purposes"));
        Map<PurposeOfUse, PurposeScope> scopes = new EnumMap<>(PurposeOfUse.class);
        int index = 0;
        for (JsonNode node : PolicyJson.array(source, root, "purposes")) {
            String entry = "purposes[" + index++ + "]";
            PolicyJson.onlyFields(source, entry, node, PURPOSE_FIELDS);
            PurposeOfUse purpose = PolicyJson.enumField(source, entry, node, "purpose", PurposeOfUse.class);
            entry += " (" + purpose + ")";
            if (scopes.containsKey(purpose)) {
                throw new IllegalArgumentException(source + ": " + entry + ": duplicate purpose " + purpose);
            }
            scopes.put(purpose, parseScope(source, entry, purpose, node));
        }
        for (PurposeOfUse purpose : PurposeOfUse.values()) {
            if (!scopes.containsKey(purpose)) {
                throw new IllegalArgumentException(source + ": no entry for purpose " + purpose);
            }
        }
        return new ReleasePolicy(scopes);
    }

    private static PurposeScope parseScope(String source, String entry, PurposeOfUse purpose, JsonNode node) {
        JsonNode rows = node.get("rows");
        if (rows == null || !rows.isBoolean()) {
            throw new IllegalArgumentException(source + ": " + entry + ": 'rows' is missing or not true/false");
        }
        Set<DataCategory> categories = enumSet(source, entry, node, "categories", DataCategory.class);
        List<Rule> rules = new ArrayList<>();
        int index = 0;
        for (JsonNode ruleNode : PolicyJson.array(source + ": " + entry, node, "rules")) {
            rules.add(parseRule(source, entry + ".rules[" + index++ + "]", ruleNode));
        }
        Map<SensitivityLevel, Map<ValueKind, Protection>> protections = new EnumMap<>(SensitivityLevel.class);
        for (SensitivityLevel level : SensitivityLevel.values()) {
            Map<ValueKind, Protection> byKind = new EnumMap<>(ValueKind.class);
            for (ValueKind kind : ValueKind.values()) {
                Protection protection = rules.stream().filter(rule -> rule.matches(level, kind)).findFirst()
                        .map(Rule::protection)
                        .orElseThrow(() -> new IllegalArgumentException(source + ": " + entry
                                + ": no rule for level " + level + " and kind " + kind));
                checkHardLines(source, entry, purpose, level, kind, protection);
                byKind.put(kind, protection);
            }
            protections.put(level, Collections.unmodifiableMap(byKind));
        }
        return new PurposeScope(purpose, rows.asBoolean(), categories, Collections.unmodifiableMap(protections));
    }

    /** The two lines no configuration crosses (see the class comment). */
    private static void checkHardLines(String source, String entry, PurposeOfUse purpose,
                                       SensitivityLevel level, ValueKind kind, Protection protection) {
        if (!protection.isClear()) {
            return;
        }
        if (level == SensitivityLevel.L5) {
            throw new IllegalArgumentException(source + ": " + entry + ": level L5 (" + kind
                    + ") would be released in clear; L5 data is never released in clear");
        }
        if (kind.isDirectIdentifier() && purpose != PurposeOfUse.TREATMENT) {
            throw new IllegalArgumentException(source + ": " + entry + ": direct identifier kind " + kind
                    + " at " + level + " would be released in clear for " + purpose
                    + "; direct identifiers are released in clear for TREATMENT only");
        }
    }

    private record Rule(Set<SensitivityLevel> levels, Set<ValueKind> kinds, Protection protection) {
        boolean matches(SensitivityLevel level, ValueKind kind) {
            return levels.contains(level) && kinds.contains(kind);
        }
    }

    private static Rule parseRule(String source, String entry, JsonNode node) {
        PolicyJson.onlyFields(source, entry, node, RULE_FIELDS);
        Set<SensitivityLevel> levels = enumSet(source, entry, node, "levels", SensitivityLevel.class);
        Set<ValueKind> kinds = node.has("kinds")
                ? enumSet(source, entry, node, "kinds", ValueKind.class)
                : EnumSet.allOf(ValueKind.class);
        Deidentification method = PolicyJson.enumField(source, entry, node, "method", Deidentification.class);
        Generalisation generalisation = node.has("generalisation")
                ? PolicyJson.enumField(source, entry, node, "generalisation", Generalisation.class)
                : null;
        Protection protection;
        try {
            protection = new Protection(method, generalisation);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + entry + ": " + e.getMessage(), e);
        }
        for (ValueKind kind : kinds) {
            if (!kind.accepts(method)) {
                throw new IllegalArgumentException(source + ": " + entry + ": " + method
                        + " does not apply to kind " + kind + (node.has("kinds") ? "" : " (the rule lists no kinds, so it covers all)"));
            }
        }
        return new Rule(levels, kinds, protection);
    }

    private static <E extends Enum<E>> Set<E> enumSet(String source, String entry, JsonNode node, String field,
                                                      Class<E> type) {
        JsonNode array = node.get(field);
        if (array == null || !array.isArray() || array.isEmpty()) {
            throw new IllegalArgumentException(source + ": " + entry + ": '" + field + "' must be a non-empty array");
        }
        Set<E> values = EnumSet.noneOf(type);
        for (JsonNode value : array) {
            if (!values.add(PolicyJson.enumValue(source, entry, field, value.asText(), type))) {
                throw new IllegalArgumentException(source + ": " + entry + ": '" + field + "' lists "
                        + value.asText() + " twice");
            }
        }
        return values;
    }
}
