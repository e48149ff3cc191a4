package rhix.node.store;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;

/**
 * Where the node keeps its data: {@code rhix.node.store.*}.
 *
 * @param url          JDBC URL of the node's PostgreSQL database; when empty the node uses an
 *                     embedded H2 database in PostgreSQL mode, in memory, and says so in the log
 * @param username     database user (default {@code postgres})
 * @param password     database password (default empty: trust authentication)
 * @param maximumPoolSize connections in the pool (default 8)
 */
@ConfigurationProperties("rhix.node.store")
public record NodeStoreConfiguration(
        @Nullable String url,
        @Bindable(defaultValue = "postgres") String username,
        @Nullable String password,
        @Min(1) @Bindable(defaultValue = "8") int maximumPoolSize) {

    public boolean isEmbedded() {
        return url == null || url.isBlank();
    }
}
