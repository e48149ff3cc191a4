package rhix.terminology.load;

import java.util.Objects;

/**
 * What a CSV file cannot say about its code system: identity and metadata.
 *
 * @param version null when the system has none
 */
public record CsvCodeSystem(String url, String version, String name, String title) {

    public CsvCodeSystem {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(name, "name");
    }
}
