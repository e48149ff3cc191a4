package rhix.mpi.index;

import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;

/** Models in use, newest first: the newest row is the active one. */
@Singleton
public class MatchModelStore {

    private final ObjectMapper json;

    public MatchModelStore(ObjectMapper json) {
        this.json = json;
    }

    /** What a stored model says about itself: where it came from and, for EM, how the estimate went. */
    public record StoredModel(MatchingPolicy policy, Long pairs, Integer iterations, Boolean converged, String createdBy,
                              Instant createdAt) {
    }

    public long save(Connection connection, MatchingPolicy policy, Long pairs, Integer iterations, Boolean converged,
                     String actor, Instant now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO match_model (source, parameters, link_threshold,"
                + " review_threshold, pairs, iterations, converged, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, policy.source());
            insert.setString(2, json.writeValueAsString(ModelParameters.of(policy.model())));
            insert.setDouble(3, policy.linkThreshold());
            insert.setDouble(4, policy.reviewThreshold());
            insert.setObject(5, pairs);
            insert.setObject(6, iterations);
            insert.setObject(7, converged);
            insert.setString(8, actor);
            Jdbc.setInstant(insert, 9, now);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Optional<StoredModel> active(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT model_id, source, parameters, link_threshold,"
                + " review_threshold, pairs, iterations, converged, created_by, created_at FROM match_model"
                + " ORDER BY model_id DESC LIMIT 1"); ResultSet rows = select.executeQuery()) {
            if (!rows.next()) {
                return Optional.empty();
            }
            ModelParameters parameters = json.readValue(rows.getString("parameters"), ModelParameters.class);
            MatchingPolicy policy = new MatchingPolicy(parameters.toModel(), rows.getDouble("link_threshold"),
                    rows.getDouble("review_threshold"), rows.getLong("model_id"), rows.getString("source"));
            return Optional.of(new StoredModel(policy, (Long) rows.getObject("pairs", Long.class),
                    rows.getObject("iterations", Integer.class), rows.getObject("converged", Boolean.class),
                    rows.getString("created_by"), Jdbc.instant(rows, "created_at")));
        } catch (IOException e) {
            throw new UncheckedIOException("the active match model is unreadable", e);
        }
    }
}
