package rhix.recognition.rules;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a rule table ({@code recognition/rules.json} or a commission's own file) strictly: an unknown
 * field, a missing one, a window that is not positive, a negative cost or a duplicate item stops the
 * load with an error naming the file and the entry, because a rule silently read wrong recognises
 * results it should not.
 */
final class RecognitionRuleFile {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS); // costs are exact yuan and fen
    private static final Set<String> TOP_FIELDS = Set.of("timeZone", "source", "rules");
    private static final Set<String> RULE_FIELDS = Set.of(
            "system", "code", "display", "validForDays", "specimens", "methods", "minimumTier", "costCny", "why");

    private final String source;

    private RecognitionRuleFile(String source) {
        this.source = source;
    }

    static RecognitionRules read(String source, InputStream in) {
        JsonNode root;
        try {
            root = MAPPER.readTree(in);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + ": not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": cannot be read", e);
        }
        return new RecognitionRuleFile(source).parse(root);
    }

    private RecognitionRules parse(JsonNode root) {
        onlyFields("top level", root, TOP_FIELDS);
        ZoneId zone = zone(root);
        JsonNode rules = root.get("rules");
        if (rules == null || !rules.isArray()) {
            throw error("top level", "expected an array 'rules'");
        }
        Map<ItemCode, RecognitionRule> byItem = new LinkedHashMap<>();
        int index = 0;
        for (JsonNode node : rules) {
            String entry = "rules[" + index++ + "]";
            if (!node.isObject()) {
                throw error(entry, "expected an object");
            }
            ItemCode item = new ItemCode(text(entry, node, "system"), text(entry, node, "code"));
            entry += " (" + item.code() + ")";
            onlyFields(entry, node, RULE_FIELDS);
            RecognitionRule rule = rule(entry, item, node);
            if (byItem.putIfAbsent(item, rule) != null) {
                throw error(entry, "duplicate rule for " + item);
            }
        }
        return new RecognitionRules(byItem.values(), zone);
    }

    private RecognitionRule rule(String entry, ItemCode item, JsonNode node) {
        JsonNode days = node.get("validForDays");
        if (days == null || !days.canConvertToExactIntegral() || !days.canConvertToInt()) {
            throw error(entry, "'validForDays' is missing or not a whole number");
        }
        if (days.asInt() <= 0) {
            throw error(entry, "'validForDays' must be positive, was " + days.asInt());
        }
        JsonNode cost = node.get("costCny");
        if (cost == null || !cost.isNumber()) {
            throw error(entry, "'costCny' is missing or not a number");
        }
        BigDecimal costCny = cost.decimalValue();
        if (costCny.signum() < 0) {
            throw error(entry, "'costCny' must not be negative, was " + costCny.toPlainString());
        }
        if (costCny.stripTrailingZeros().scale() > 2) {
            throw error(entry, "'costCny' is in yuan with at most 2 decimals (fen), was " + costCny.toPlainString());
        }
        String tier = text(entry, node, "minimumTier");
        QualityTier minimumTier;
        try {
            minimumTier = QualityTier.valueOf(tier);
        } catch (IllegalArgumentException e) {
            throw error(entry, "unknown minimumTier '" + tier + "' (expected one of "
                    + Arrays.toString(QualityTier.values()) + ")");
        }
        return new RecognitionRule(item, text(entry, node, "display"), days.asInt(),
                codes(entry, node, "specimens"), codes(entry, node, "methods"), minimumTier, costCny);
    }

    private ZoneId zone(JsonNode root) {
        JsonNode zone = root.get("timeZone");
        if (zone == null) {
            return RecognitionRules.DEFAULT_ZONE;
        }
        try {
            return ZoneId.of(zone.asText());
        } catch (DateTimeException e) {
            throw error("top level", "unknown timeZone '" + zone.asText() + "'");
        }
    }

    /** An optional array of codes, upper-cased so that "ser" and "SER" are one specimen type. */
    private Set<String> codes(String entry, JsonNode node, String field) {
        JsonNode array = node.get(field);
        if (array == null) {
            return Set.of();
        }
        if (!array.isArray()) {
            throw error(entry, "'" + field + "' must be an array of codes");
        }
        Set<String> codes = new LinkedHashSet<>();
        for (JsonNode code : array) {
            if (!code.isTextual() || code.asText().isBlank()) {
                throw error(entry, "'" + field + "' holds a blank or non-text code");
            }
            if (!codes.add(code.asText().strip().toUpperCase(Locale.ROOT))) {
                throw error(entry, "'" + field + "' lists " + code.asText() + " twice");
            }
        }
        return codes;
    }

    private void onlyFields(String entry, JsonNode node, Set<String> known) {
        if (node == null || !node.isObject()) {
            throw error(entry, "expected an object");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw error(entry, "unknown field '" + name + "' (known: "
                        + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    private String text(String entry, JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw error(entry, "'" + field + "' is missing or not a string");
        }
        return value.asText().strip();
    }

    private IllegalArgumentException error(String entry, String message) {
        return new IllegalArgumentException(source + ": " + entry + ": " + message);
    }
}
