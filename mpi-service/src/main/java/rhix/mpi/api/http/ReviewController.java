package rhix.mpi.api.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import rhix.mpi.index.IdentityStewardship;
import rhix.mpi.index.IndexRefusal;
import rhix.mpi.index.IndexTransactions;
import rhix.mpi.index.RecordKey;
import rhix.mpi.index.ReviewTask;
import rhix.mpi.index.ReviewTaskStore;
import rhix.mpi.index.VectorCode;

/** The review queue: grey-band matches waiting for a person, and their decisions. */
@Controller("/mpi/review")
public class ReviewController {

    static final int MAXIMUM_PAGE = 500;

    private final IndexTransactions transactions;
    private final ReviewTaskStore reviews;
    private final IdentityStewardship stewardship;

    public ReviewController(IndexTransactions transactions, ReviewTaskStore reviews, IdentityStewardship stewardship) {
        this.transactions = transactions;
        this.reviews = reviews;
        this.stewardship = stewardship;
    }

    @Serdeable
    public record TaskView(long taskId, RecordKey record, String candidateEnterpriseId, RecordKey candidateRecord,
                           double score, String vector, Map<String, String> agreements, String status, Instant createdAt,
                           Instant decidedAt, String decidedBy, String reason) {

        static TaskView of(ReviewTask task) {
            return new TaskView(task.taskId(), task.record(), task.candidateEnterpriseId(), task.candidateRecord(), task.score(),
                    task.vector(), VectorCode.describe(task.vector()), task.status().name(), task.createdAt(), task.decidedAt(),
                    task.decidedBy(), task.reason());
        }
    }

    /** @param after the last task id of the previous page */
    @Serdeable
    public record TaskPage(String status, long total, List<TaskView> tasks, Long next) {
    }

    @Serdeable
    public record Decision(@Nullable String reason) {
    }

    @Get
    public TaskPage list(@QueryValue(defaultValue = "OPEN") String status, @QueryValue(defaultValue = "50") int limit,
                         @QueryValue(defaultValue = "0") long after) {
        ReviewTask.Status wanted = status(status);
        if (limit < 1 || limit > MAXIMUM_PAGE) {
            throw new IndexRefusal(IndexRefusal.Kind.INVALID, "limit must be 1.." + MAXIMUM_PAGE + ", was " + limit);
        }
        return transactions.read(connection -> {
            List<TaskView> tasks = reviews.list(connection, wanted, limit, after).stream().map(TaskView::of).toList();
            Long next = tasks.size() == limit ? tasks.getLast().taskId() : null;
            return new TaskPage(wanted.name(), reviews.count(connection, wanted), tasks, next);
        });
    }

    @Post("/{taskId}/accept")
    public MergeView accept(long taskId, @Nullable @Body Decision decision, HttpRequest<?> request) {
        return MergeView.of(stewardship.accept(taskId, Stewards.of(request), decision == null ? null : decision.reason()));
    }

    @Post("/{taskId}/reject")
    public TaskView reject(long taskId, @Nullable @Body Decision decision, HttpRequest<?> request) {
        return TaskView.of(stewardship.reject(taskId, Stewards.of(request), decision == null ? null : decision.reason()));
    }

    private static ReviewTask.Status status(String text) {
        try {
            return ReviewTask.Status.valueOf(text.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IndexRefusal(IndexRefusal.Kind.INVALID, "status must be one of "
                    + java.util.Arrays.toString(ReviewTask.Status.values()) + ", was " + text);
        }
    }
}
