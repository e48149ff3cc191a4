package rhix.node.audit;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Optional;
import javax.sql.DataSource;
import rhix.audit.chain.AuditCheckpoint;

/** Reads back what {@link rhix.audit.chain.CheckpointSigner} stored, for an answer that signed nothing new. */
@Singleton
public class SignedCheckpoints {

    private final DataSource dataSource;

    public SignedCheckpoints(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The checkpoint at the highest position, if any. */
    public Optional<AuditCheckpoint> latest() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT position, link_hash, signed_at, key_id, algorithm,"
                     + " signature FROM audit_chain_checkpoint ORDER BY position DESC LIMIT 1");
             ResultSet row = select.executeQuery()) {
            if (!row.next()) {
                return Optional.empty();
            }
            return Optional.of(new AuditCheckpoint(row.getLong("position"), row.getString("link_hash").strip(),
                    row.getObject("signed_at", OffsetDateTime.class).toInstant(), row.getString("key_id").strip(),
                    row.getString("algorithm").strip(), row.getString("signature").strip()));
        }
    }
}
