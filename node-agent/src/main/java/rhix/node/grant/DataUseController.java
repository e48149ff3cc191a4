package rhix.node.grant;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.net.URI;
import java.sql.SQLException;
import java.util.List;
import rhix.node.grant.DataUseGrants.GrantView;
import rhix.node.grant.DataUseRequests.Outcome;
import rhix.node.grant.DataUseRequests.Problem;

/**
 * 申请—审批 over HTTP: a data user applies for views and columns with their de-identification, the department
 * and then the data-security committee review, the committee's approval is the grant, which can be revoked.
 * Every step is an event on the node's event store (and so in its audit chain); refusals carry the aggregate's codes.
 */
@Controller("/data-use")
@ExecuteOn(TaskExecutors.BLOCKING)
public class DataUseController {

    private final DataUseApplications applications;
    private final DataUseGrants grants;

    public DataUseController(DataUseApplications applications, DataUseGrants grants) {
        this.applications = applications;
        this.grants = grants;
    }

    @Post(value = "/applications", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> submit(@Body DataUseRequests.SubmitApplication application) {
        return answer(() -> {
            Outcome outcome = applications.submit(application);
            return HttpResponse.status(HttpStatus.CREATED).body(outcome)
                    .headers(headers -> headers.location(URI.create("/data-use/grants/" + outcome.applicationId())));
        });
    }

    @Post(value = "/applications/{applicationId}/reviews", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> review(@PathVariable String applicationId, @Body DataUseRequests.Review review) {
        return answer(() -> HttpResponse.ok(applications.review(applicationId, review)));
    }

    @Post(value = "/grants/{grantId}/revocation", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> revoke(@PathVariable String grantId, @Body DataUseRequests.Revocation revocation) {
        return answer(() -> HttpResponse.ok(applications.revoke(grantId, revocation)));
    }

    /** A request the commands' checks refuse (a blank reviewer, an unknown step, too long a duration): 400, nothing stored. */
    private static HttpResponse<?> answer(java.util.function.Supplier<HttpResponse<?>> command) {
        try {
            return command.get();
        } catch (IllegalArgumentException e) {
            return HttpResponse.badRequest(new Problem("DATA_USE_INVALID_REQUEST", e.getMessage(), List.of()));
        }
    }

    @Get(value = "/grants", produces = MediaType.APPLICATION_JSON)
    public List<GrantView> list(@Nullable @QueryValue String state, @Nullable @QueryValue String applicant,
                                @QueryValue(defaultValue = "100") int limit) throws SQLException {
        return grants.list(state, applicant, Math.max(1, Math.min(limit, 1_000)));
    }

    @Get(value = "/grants/{grantId}", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> grant(@PathVariable String grantId) throws SQLException {
        return grants.find(grantId).<HttpResponse<?>>map(HttpResponse::ok)
                .orElseGet(() -> HttpResponse.notFound(new Problem("DATA_USE_UNKNOWN", "no application or grant '" + grantId
                        + "' (a new one is readable once its event is projected, within a second)", List.of())));
    }
}
