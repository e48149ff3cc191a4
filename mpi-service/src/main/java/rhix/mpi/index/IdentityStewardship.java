package rhix.mpi.index;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What people decide about identities: grey-band review tasks, merges of two identities found to be one
 * person, and unmerges that undo a merge exactly. Accepting a review is a merge (the record's own
 * identity into the candidate), so it can be undone the same way.
 */
@Singleton
public class IdentityStewardship {

    private final IndexTransactions transactions;
    private final MasterPatientIndex index;
    private final EnterpriseIdentityStore identities;
    private final LinkStore links;
    private final ReviewTaskStore reviews;
    private final EventLog events;
    private final Clock clock;

    public IdentityStewardship(IndexTransactions transactions, MasterPatientIndex index, EnterpriseIdentityStore identities,
                               LinkStore links, ReviewTaskStore reviews, EventLog events, Clock clock) {
        this.transactions = transactions;
        this.index = index;
        this.identities = identities;
        this.links = links;
        this.reviews = reviews;
        this.events = events;
        this.clock = clock;
    }

    /** @param mergeSequence the merge's event, to unmerge it later; null when nothing had to move */
    public record Merge(String survivor, String retired, List<Link> moved, Long mergeSequence) {
    }

    /** The record is the candidate's person: its identity is merged into the candidate's. */
    public Merge accept(long taskId, String actor, String reason) {
        return transactions.write(connection -> {
            ReviewTask task = openTask(connection, taskId);
            Instant now = clock.instant();
            Link recordLink = MasterPatientIndex.require(links.find(connection, task.record()), "the link of record " + task.record());
            EnterpriseIdentity candidate = MasterPatientIndex.require(index.resolve(connection, task.candidateEnterpriseId()),
                    "enterprise identity " + task.candidateEnterpriseId());
            reviews.decide(connection, taskId, ReviewTask.Status.ACCEPTED, actor, reason, now);
            events.append(connection, new MpiEvent.ReviewDecided(task.candidateEnterpriseId(), taskId,
                    ReviewTask.Status.ACCEPTED.name(), reason), actor, now);
            if (recordLink.enterpriseId().equals(candidate.enterpriseId())) {
                return new Merge(candidate.enterpriseId(), null, List.of(), null);
            }
            return merge(connection, candidate.enterpriseId(), recordLink.enterpriseId(), actor,
                    "review " + taskId + " accepted" + (reason == null ? "" : ": " + reason), now);
        });
    }

    /** Not the same person: the task closes and nothing else changes. */
    public ReviewTask reject(long taskId, String actor, String reason) {
        return transactions.write(connection -> {
            openTask(connection, taskId);
            Instant now = clock.instant();
            reviews.decide(connection, taskId, ReviewTask.Status.REJECTED, actor, reason, now);
            ReviewTask decided = reviews.find(connection, taskId).orElseThrow();
            events.append(connection, new MpiEvent.ReviewDecided(decided.candidateEnterpriseId(), taskId,
                    ReviewTask.Status.REJECTED.name(), reason), actor, now);
            return decided;
        });
    }

    /** Everything {@code retired} held moves to {@code survivor}; {@code retired} stays, pointing at it. */
    public Merge merge(String survivor, String retired, String actor, String reason) {
        if (survivor.equals(retired)) {
            throw new IndexRefusal(IndexRefusal.Kind.INVALID, "an identity cannot be merged into itself: " + survivor);
        }
        return transactions.write(connection -> {
            requireActive(connection, survivor);
            requireActive(connection, retired);
            return merge(connection, survivor, retired, actor, reason, clock.instant());
        });
    }

    private Merge merge(Connection connection, String survivor, String retired, String actor, String reason, Instant now)
            throws SQLException {
        List<Link> moved = links.ofEnterprise(connection, retired);
        for (Link link : moved) {
            links.put(connection, new Link(link.record(), survivor, Link.Method.MERGED, link.score(), link.vector(),
                    link.matched(), now));
        }
        identities.update(connection, retired, identities.find(connection, retired).orElseThrow().golden(), 0, now);
        identities.setStatus(connection, retired, EnterpriseIdentity.Status.MERGED, survivor, now);
        index.refreshGolden(connection, survivor, now);
        long sequence = events.append(connection, new MpiEvent.IdentitiesMerged(survivor, retired, moved, reason), actor, now);
        return new Merge(survivor, retired, moved, sequence);
    }

    /**
     * Undoes the merge recorded at {@code mergeSequence}: the retired identity is active again with exactly the
     * links it had (method, score, vector, time), and both golden records are recomputed from their records.
     * Refused when the state has moved on so that the merge can no longer be undone exactly.
     */
    public Merge unmerge(long mergeSequence, String actor, String reason) {
        return transactions.write(connection -> {
            StoredEvent stored = MasterPatientIndex.require(events.find(connection, mergeSequence), "event " + mergeSequence);
            if (!(stored.event() instanceof MpiEvent.IdentitiesMerged merged)) {
                throw new IndexRefusal(IndexRefusal.Kind.INVALID, "event " + mergeSequence + " is a "
                        + stored.event().getClass().getSimpleName() + ", not a merge");
            }
            EnterpriseIdentity retired = MasterPatientIndex.require(identities.find(connection, merged.retired()),
                    "enterprise identity " + merged.retired());
            if (retired.status() != EnterpriseIdentity.Status.MERGED || !merged.enterpriseId().equals(retired.mergedInto())) {
                throw new IndexRefusal(IndexRefusal.Kind.CONFLICT, "merge " + mergeSequence + " is no longer in force: "
                        + merged.retired() + " is " + retired.status()
                        + (retired.mergedInto() == null ? "" : " into " + retired.mergedInto()));
            }
            List<String> elsewhere = new ArrayList<>();
            for (Link link : merged.moved()) {
                Optional<Link> now = links.find(connection, link.record());
                if (now.isPresent() && !now.get().enterpriseId().equals(merged.enterpriseId())) {
                    elsewhere.add(link.record() + " (now in " + now.get().enterpriseId() + ")");
                }
            }
            if (!elsewhere.isEmpty()) {
                throw new IndexRefusal(IndexRefusal.Kind.CONFLICT, "merge " + mergeSequence
                        + " cannot be undone exactly: records it moved have moved again: " + String.join(", ", elsewhere));
            }
            Instant now = clock.instant();
            List<Link> returned = new ArrayList<>();
            for (Link link : merged.moved()) {
                if (links.find(connection, link.record()).isPresent()) {
                    links.put(connection, link);
                    returned.add(link);
                }
            }
            identities.setStatus(connection, merged.retired(), EnterpriseIdentity.Status.ACTIVE, null, now);
            index.refreshGolden(connection, merged.retired(), now);
            index.refreshGolden(connection, merged.enterpriseId(), now);
            long sequence = events.append(connection, new MpiEvent.IdentitiesUnmerged(merged.enterpriseId(), merged.retired(),
                    mergeSequence, returned, reason), actor, now);
            return new Merge(merged.enterpriseId(), merged.retired(), returned, sequence);
        });
    }

    private ReviewTask openTask(Connection connection, long taskId) throws SQLException {
        ReviewTask task = MasterPatientIndex.require(reviews.find(connection, taskId), "review task " + taskId);
        if (task.status() != ReviewTask.Status.OPEN) {
            throw new IndexRefusal(IndexRefusal.Kind.CONFLICT, "review task " + taskId + " is already " + task.status());
        }
        return task;
    }

    private void requireActive(Connection connection, String enterpriseId) throws SQLException {
        EnterpriseIdentity identity = MasterPatientIndex.require(identities.find(connection, enterpriseId),
                "enterprise identity " + enterpriseId);
        if (identity.status() != EnterpriseIdentity.Status.ACTIVE) {
            throw new IndexRefusal(IndexRefusal.Kind.CONFLICT, "enterprise identity " + enterpriseId + " is "
                    + identity.status() + " into " + identity.mergedInto() + " and cannot be merged again");
        }
    }
}
