package rhix.mpi.api.http;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import java.net.URI;
import rhix.mpi.index.BulkLinkage;
import rhix.mpi.index.BulkLinkageRun;
import rhix.mpi.index.IndexRefusal;

/** Bulk linkage runs: start one (202, with where to watch it), and watch its phase and progress. */
@Controller("/mpi/linkage/bulk")
public class BulkLinkageController {

    private final BulkLinkage bulk;

    public BulkLinkageController(BulkLinkage bulk) {
        this.bulk = bulk;
    }

    @Post
    public HttpResponse<BulkLinkageRun> start(HttpRequest<?> request) {
        BulkLinkageRun run = bulk.start(Stewards.of(request));
        return HttpResponse.accepted(URI.create("/mpi/linkage/bulk/" + run.runId())).body(run);
    }

    @Get("/latest")
    public BulkLinkageRun latest() {
        return bulk.latest().orElseThrow(() -> new IndexRefusal(IndexRefusal.Kind.NOT_FOUND, "no bulk linkage run yet"));
    }

    @Get("/{runId}")
    public BulkLinkageRun run(String runId) {
        return bulk.find(runId).orElseThrow(() -> new IndexRefusal(IndexRefusal.Kind.NOT_FOUND,
                "no bulk linkage run " + runId + " (the last 20 runs are kept)"));
    }
}
