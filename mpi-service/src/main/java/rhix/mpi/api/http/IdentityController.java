package rhix.mpi.api.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import rhix.mpi.index.EnterpriseIdentity;
import rhix.mpi.index.EnterpriseIdentityStore;
import rhix.mpi.index.EventLog;
import rhix.mpi.index.IdentityStewardship;
import rhix.mpi.index.IndexRefusal;
import rhix.mpi.index.IndexTransactions;
import rhix.mpi.index.Link;
import rhix.mpi.index.LinkStore;
import rhix.mpi.index.StoredEvent;

/** Enterprise identities for administrators: one with its links and history; merge and unmerge. */
@Controller("/mpi/identities")
public class IdentityController {

    private final IndexTransactions transactions;
    private final EnterpriseIdentityStore identities;
    private final LinkStore links;
    private final EventLog events;
    private final IdentityStewardship stewardship;

    public IdentityController(IndexTransactions transactions, EnterpriseIdentityStore identities, LinkStore links,
                              EventLog events, IdentityStewardship stewardship) {
        this.transactions = transactions;
        this.identities = identities;
        this.links = links;
        this.events = events;
        this.stewardship = stewardship;
    }

    @Serdeable
    public record IdentityView(EnterpriseIdentity identity, List<Link> links, List<EventView> events) {
    }

    @Serdeable
    public record EventView(long sequence, String type, String actor, java.time.Instant occurredAt, Object event) {

        static EventView of(StoredEvent stored) {
            return new EventView(stored.sequence(), stored.event().getClass().getSimpleName(), stored.actor(),
                    stored.occurredAt(), stored.event());
        }
    }

    @Serdeable
    public record MergeRequest(String survivor, String retired, @Nullable String reason) {
    }

    @Serdeable
    public record UnmergeRequest(long mergeSequence, @Nullable String reason) {
    }

    @Get("/{enterpriseId}")
    public IdentityView show(String enterpriseId) {
        return transactions.read(connection -> {
            EnterpriseIdentity identity = identities.find(connection, enterpriseId).orElseThrow(() ->
                    new IndexRefusal(IndexRefusal.Kind.NOT_FOUND, "enterprise identity " + enterpriseId + " not found"));
            return new IdentityView(identity, links.ofEnterprise(connection, enterpriseId),
                    events.ofEnterprise(connection, enterpriseId).stream().map(EventView::of).toList());
        });
    }

    @Post("/merge")
    public MergeView merge(@Body MergeRequest merge, HttpRequest<?> request) {
        if (merge.survivor() == null || merge.retired() == null) {
            throw new IndexRefusal(IndexRefusal.Kind.INVALID, "a merge names the survivor and the retired identity");
        }
        return MergeView.of(stewardship.merge(merge.survivor(), merge.retired(), Stewards.of(request), merge.reason()));
    }

    @Post("/unmerge")
    public MergeView unmerge(@Body UnmergeRequest unmerge, HttpRequest<?> request) {
        return MergeView.of(stewardship.unmerge(unmerge.mergeSequence(), Stewards.of(request), unmerge.reason()));
    }
}
