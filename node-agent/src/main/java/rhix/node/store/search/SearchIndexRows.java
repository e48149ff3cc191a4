package rhix.node.store.search;

import java.time.Instant;
import java.util.List;

/** The search index rows of one resource version, ready to be written next to it. */
public record SearchIndexRows(List<Token> tokens, List<Reference> references, List<DateRange> dates,
                              List<Text> strings) {

    public SearchIndexRows {
        tokens = List.copyOf(tokens);
        references = List.copyOf(references);
        dates = List.copyOf(dates);
        strings = List.copyOf(strings);
    }

    public int size() {
        return tokens.size() + references.size() + dates.size() + strings.size();
    }

    /** A coded value or identifier; {@code system} is null where the element has none (e.g. gender). */
    public record Token(String param, String system, String code) {
    }

    public record Reference(String param, String targetType, String targetId) {
    }

    /** The instant range a date, dateTime or Period covers at its precision; open ends are null. */
    public record DateRange(String param, Instant low, Instant high) {
    }

    /** Text normalised for case- and accent-insensitive prefix search. */
    public record Text(String param, String normalized) {
    }
}
