package rhix.synthetic;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** {@code --name value} options of the generator's command-line tools, each name known in advance. */
final class CommandLineOptions {

    private final Map<String, String> values = new LinkedHashMap<>();

    private CommandLineOptions() {
    }

    /** Parses {@code args}; a name not in {@code known} or without a value is an error that lists the known ones. */
    static CommandLineOptions parse(String[] args, List<String> known) {
        CommandLineOptions options = new CommandLineOptions();
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i];
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown option " + name + " (options: " + String.join(" ", known) + ")");
            }
            if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            options.values.put(name, args[i + 1]);
        }
        return options;
    }

    Optional<String> text(String name) {
        return Optional.ofNullable(values.get(name));
    }

    int integer(String name, int fallback) {
        return parsed(name, fallback, text -> Integer.parseInt(text.replace("_", "")));
    }

    long longInteger(String name, long fallback) {
        return parsed(name, fallback, Long::parseLong);
    }

    double decimal(String name, double fallback) {
        return parsed(name, fallback, Double::parseDouble);
    }

    LocalDate date(String name, LocalDate fallback) {
        return parsed(name, fallback, LocalDate::parse);
    }

    OutputFormat format(String name, OutputFormat fallback) {
        return parsed(name, fallback, text -> OutputFormat.valueOf(text.toUpperCase(Locale.ROOT)));
    }

    private interface Parser<T> {
        T parse(String text);
    }

    private <T> T parsed(String name, T fallback, Parser<T> parser) {
        String text = values.get(name);
        if (text == null) {
            return fallback;
        }
        try {
            return parser.parse(text);
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException(name + ": cannot read '" + text + "'", e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": '" + text + "' is not one of the accepted values", e);
        }
    }
}
