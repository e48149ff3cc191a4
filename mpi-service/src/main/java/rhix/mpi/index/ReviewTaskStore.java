package rhix.mpi.index;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The review queue. */
@Singleton
public class ReviewTaskStore {

    private static final String COLUMNS = "task_id, node_id, local_id, candidate_enterprise_id, candidate_node_id,"
            + " candidate_local_id, score, vector, status, created_at, decided_at, decided_by, reason";

    public long open(Connection connection, RecordKey record, String candidateEnterpriseId, RecordKey candidateRecord,
                     double score, String vector, Instant now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO review_task (node_id, local_id,"
                + " candidate_enterprise_id, candidate_node_id, candidate_local_id, score, vector, status, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, 'OPEN', ?)", Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, record.nodeId());
            insert.setString(2, record.localId());
            insert.setString(3, candidateEnterpriseId);
            insert.setString(4, candidateRecord.nodeId());
            insert.setString(5, candidateRecord.localId());
            insert.setDouble(6, score);
            insert.setString(7, vector);
            Jdbc.setInstant(insert, 8, now);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** A question for a reviewer from a bulk run, before it has an id. */
    public record NewTask(RecordKey record, String candidateEnterpriseId, RecordKey candidateRecord, double score, String vector) {
    }

    /** Opens many tasks in batches (a bulk linkage run). */
    public void openAll(Connection connection, List<NewTask> tasks, Instant now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO review_task (node_id, local_id,"
                + " candidate_enterprise_id, candidate_node_id, candidate_local_id, score, vector, status, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, 'OPEN', ?)")) {
            int pending = 0;
            for (NewTask task : tasks) {
                insert.setString(1, task.record().nodeId());
                insert.setString(2, task.record().localId());
                insert.setString(3, task.candidateEnterpriseId());
                insert.setString(4, task.candidateRecord().nodeId());
                insert.setString(5, task.candidateRecord().localId());
                insert.setDouble(6, task.score());
                insert.setString(7, task.vector());
                Jdbc.setInstant(insert, 8, now);
                insert.addBatch();
                if (++pending == Jdbc.BATCH) {
                    insert.executeBatch();
                    pending = 0;
                }
            }
            insert.executeBatch();
        }
    }

    public Optional<ReviewTask> find(Connection connection, long taskId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM review_task WHERE task_id = ?")) {
            select.setLong(1, taskId);
            return read(select).stream().findFirst();
        }
    }

    public List<ReviewTask> list(Connection connection, ReviewTask.Status status, int limit, long afterTaskId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM review_task"
                + " WHERE status = ? AND task_id > ? ORDER BY task_id LIMIT ?")) {
            select.setString(1, status.name());
            select.setLong(2, afterTaskId);
            select.setInt(3, limit);
            return read(select);
        }
    }

    public long count(Connection connection, ReviewTask.Status status) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT count(*) FROM review_task WHERE status = ?")) {
            select.setString(1, status.name());
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    public void decide(Connection connection, long taskId, ReviewTask.Status status, String actor, String reason, Instant now)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE review_task SET status = ?, decided_at = ?,"
                + " decided_by = ?, reason = ? WHERE task_id = ? AND status = 'OPEN'")) {
            update.setString(1, status.name());
            Jdbc.setInstant(update, 2, now);
            update.setString(3, actor);
            update.setString(4, reason);
            update.setLong(5, taskId);
            update.executeUpdate();
        }
    }

    /** Open tasks about this record, as a subject or as the candidate, that no longer make sense. */
    public List<ReviewTask> openAbout(Connection connection, RecordKey record) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM review_task WHERE status = 'OPEN'"
                + " AND ((node_id = ? AND local_id = ?) OR (candidate_node_id = ? AND candidate_local_id = ?)) ORDER BY task_id")) {
            select.setString(1, record.nodeId());
            select.setString(2, record.localId());
            select.setString(3, record.nodeId());
            select.setString(4, record.localId());
            return read(select);
        }
    }

    private static List<ReviewTask> read(PreparedStatement select) throws SQLException {
        List<ReviewTask> tasks = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                tasks.add(new ReviewTask(rows.getLong("task_id"), new RecordKey(rows.getString("node_id"), rows.getString("local_id")),
                        rows.getString("candidate_enterprise_id"),
                        new RecordKey(rows.getString("candidate_node_id"), rows.getString("candidate_local_id")),
                        rows.getDouble("score"), rows.getString("vector"), ReviewTask.Status.valueOf(rows.getString("status")),
                        Jdbc.instant(rows, "created_at"), Jdbc.instant(rows, "decided_at"), rows.getString("decided_by"),
                        rows.getString("reason")));
            }
        }
        return tasks;
    }
}
