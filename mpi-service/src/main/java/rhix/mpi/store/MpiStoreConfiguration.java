package rhix.mpi.store;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;

/**
 * Where the MPI keeps identities: {@code rhix.mpi.store.*}.
 *
 * @param url             JDBC URL of its PostgreSQL database; when empty, an embedded in-memory H2 in
 *                        PostgreSQL mode (for a demo without PostgreSQL; it says so in the log)
 * @param username        database user (default {@code postgres})
 * @param password        database password (default empty: trust authentication)
 * @param maximumPoolSize connections in the pool (default 8)
 */
@ConfigurationProperties("rhix.mpi.store")
public record MpiStoreConfiguration(@Nullable String url,
                                    @Bindable(defaultValue = "postgres") String username,
                                    @Nullable String password,
                                    @Min(1) @Bindable(defaultValue = "8") int maximumPoolSize) {

    public boolean isEmbedded() {
        return url == null || url.isBlank();
    }
}
