package rhix.mpi.index;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rhix.mpi.link.BulkLinker;
import rhix.mpi.link.LinkageOptions;
import rhix.mpi.link.LinkageResult;
import rhix.mpi.match.IdentityRecord;

/**
 * Bulk mode: links every record that waits (registered with deferred matching) in one run over all records,
 * far faster than matching them one by one, and estimates the model from the data (EM) as it goes.
 *
 * <p>Rules that keep what people rely on stable: a record already linked keeps its identity; a cluster of the
 * run that holds records of exactly one existing identity brings its waiting records into that identity; one
 * that holds none becomes a new identity; one that holds several existing identities brings its waiting
 * records into the largest and opens review tasks for the others (two existing identities are never merged
 * without a person). Review pairs the linker found become review tasks when at least one side was waiting.
 * The estimated model, with the linker's thresholds turned into scores, becomes the active policy, so
 * incremental matching afterwards decides as the run did.
 *
 * <p>One run at a time, on its own thread, holding the index's write lock: registrations wait for it.
 */
@Singleton
public class BulkLinkage {

    private static final Logger LOG = LoggerFactory.getLogger(BulkLinkage.class);
    private static final int KEPT_RUNS = 20;

    private final IndexTransactions transactions;
    private final IdentityRecordStore records;
    private final EnterpriseIdentityStore identities;
    private final LinkStore links;
    private final ReviewTaskStore reviews;
    private final EventLog events;
    private final MasterPatientIndex index;
    private final ActivePolicy policy;
    private final Clock clock;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "mpi-bulk-linkage");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, BulkLinkageRun> runs = new LinkedHashMap<>();
    private String running;

    public BulkLinkage(IndexTransactions transactions, IdentityRecordStore records, EnterpriseIdentityStore identities,
                       LinkStore links, ReviewTaskStore reviews, EventLog events, MasterPatientIndex index, ActivePolicy policy,
                       Clock clock) {
        this.transactions = transactions;
        this.records = records;
        this.identities = identities;
        this.links = links;
        this.reviews = reviews;
        this.events = events;
        this.index = index;
        this.policy = policy;
        this.clock = clock;
    }

    /** Starts a run in the background; refused while another is running. */
    public synchronized BulkLinkageRun start(String actor) {
        if (running != null) {
            throw new IndexRefusal(IndexRefusal.Kind.CONFLICT, "bulk linkage run " + running + " is still running");
        }
        BulkLinkageRun run = new BulkLinkageRun(UUID.randomUUID().toString(), BulkLinkageRun.State.RUNNING, "QUEUED", 0, 0,
                clock.instant(), null, null, null);
        running = run.runId();
        keep(run);
        runner.submit(() -> execute(run, actor));
        return run;
    }

    /** Runs now, on the caller's thread, and returns how it ended (the benchmark and tests use this). */
    public BulkLinkageRun runNow(String actor) {
        BulkLinkageRun run;
        synchronized (this) {
            if (running != null) {
                throw new IndexRefusal(IndexRefusal.Kind.CONFLICT, "bulk linkage run " + running + " is still running");
            }
            run = new BulkLinkageRun(UUID.randomUUID().toString(), BulkLinkageRun.State.RUNNING, "QUEUED", 0, 0,
                    clock.instant(), null, null, null);
            running = run.runId();
            keep(run);
        }
        return execute(run, actor);
    }

    public synchronized Optional<BulkLinkageRun> find(String runId) {
        return Optional.ofNullable(runs.get(runId));
    }

    public synchronized Optional<BulkLinkageRun> latest() {
        return runs.values().stream().reduce((first, second) -> second);
    }

    private BulkLinkageRun execute(BulkLinkageRun run, String actor) {
        Instant started = clock.instant();
        try {
            Outcome outcome = transactions.write(connection -> link(connection, run, actor));
            BulkLinkageRun.Summary summary = outcome.summary();
            if (outcome.result() != null) {
                progress(run.runId(), "ESTIMATED", 1, 1);
                LinkageResult.ModelEstimate estimate = outcome.result().model();
                LinkageOptions options = LinkageOptions.defaults();
                double linkThreshold = Math.max(estimate.scoreFor(options.linkProbability()), options.minLinkScore());
                double reviewThreshold = Math.min(linkThreshold, estimate.scoreFor(options.reviewProbability()));
                MatchModelStore.StoredModel stored = policy.replace(new MatchingPolicy(estimate.model(), linkThreshold,
                        reviewThreshold, 0, "EM"), outcome.result().counts().candidatePairs(), estimate.iterations(),
                        estimate.converged(), actor);
                summary = new BulkLinkageRun.Summary(summary.records(), summary.linkedRecords(), summary.newIdentities(),
                        summary.reviewTasks(), summary.candidatePairs(), stored.policy().modelId(), estimate.iterations(),
                        estimate.converged(), linkThreshold, reviewThreshold, summary.seconds(), summary.linkerSeconds());
            }
            Instant finished = clock.instant();
            summary = new BulkLinkageRun.Summary(summary.records(), summary.linkedRecords(), summary.newIdentities(),
                    summary.reviewTasks(), summary.candidatePairs(), summary.modelId(), summary.emIterations(),
                    summary.emConverged(), summary.linkThreshold(), summary.reviewThreshold(),
                    Duration.between(started, finished).toMillis() / 1000.0, summary.linkerSeconds());
            LOG.info("Bulk linkage {} done: {}", run.runId(), summary);
            return finish(run.runId(), BulkLinkageRun.State.SUCCEEDED, summary, null);
        } catch (RuntimeException e) {
            LOG.error("Bulk linkage {} failed; nothing was written", run.runId(), e);
            return finish(run.runId(), BulkLinkageRun.State.FAILED, null, e.getMessage() + "; nothing was written");
        }
    }

    private record Outcome(BulkLinkageRun.Summary summary, LinkageResult result) {
    }

    private Outcome link(Connection connection, BulkLinkageRun run, String actor) throws SQLException {
        progress(run.runId(), "LOADING", 0, 0);
        List<RegisteredRecord> all = new ArrayList<>();
        List<String> enterpriseOf = new ArrayList<>();
        records.forEachWithLink(connection, (record, enterpriseId) -> {
            all.add(record);
            enterpriseOf.add(enterpriseId);
            if (all.size() % 100_000 == 0) {
                progress(run.runId(), "LOADING", all.size(), 0);
            }
        });
        long waiting = enterpriseOf.stream().filter(id -> id == null).count();
        if (waiting == 0) {
            return new Outcome(new BulkLinkageRun.Summary(all.size(), 0, 0, 0, 0, 0, 0, true, 0, 0, 0, 0), null);
        }
        List<IdentityRecord> traits = all.stream().map(RegisteredRecord::traits).toList();
        LinkageResult result = new BulkLinker(LinkageOptions.defaults())
                .link(traits, (phase, done, total) -> progress(run.runId(), phase.name(), done, total));
        Instant now = clock.instant();

        int[] clusterOf = result.clusterOf();
        String[] clusterIdentity = chooseIdentities(result.clusterCount(), clusterOf, enterpriseOf);
        int[] evidence = strongestLinkOf(all.size(), result.links());

        Map<String, List<Link>> linksByIdentity = new LinkedHashMap<>();
        Map<String, List<RegisteredRecord>> membersOfNew = new LinkedHashMap<>();
        Set<String> grownExisting = new LinkedHashSet<>();
        String[] finalIdentity = new String[all.size()];
        Set<String> existingIdentities = new java.util.HashSet<>(enterpriseOf);
        for (int i = 0; i < all.size(); i++) {
            if (enterpriseOf.get(i) != null) {
                finalIdentity[i] = enterpriseOf.get(i);
                continue;
            }
            String identity = clusterIdentity[clusterOf[i]];
            finalIdentity[i] = identity;
            Link link = evidence[i] < 0
                    ? new Link(all.get(i).key(), identity, Link.Method.FIRST, null, null, null, now)
                    : bulkLink(all, i, identity, result.links().get(evidence[i]), now);
            linksByIdentity.computeIfAbsent(identity, id -> new ArrayList<>()).add(link);
            if (existingIdentities.contains(identity)) {
                grownExisting.add(identity);
            } else {
                membersOfNew.computeIfAbsent(identity, id -> new ArrayList<>()).add(all.get(i));
            }
        }

        List<ReviewTaskStore.NewTask> tasks = new ArrayList<>();
        for (LinkageResult.ReviewPair pair : result.reviewPairs()) {
            boolean concernsWaiting = enterpriseOf.get(pair.left()) == null || enterpriseOf.get(pair.right()) == null;
            if (concernsWaiting && !finalIdentity[pair.left()].equals(finalIdentity[pair.right()])) {
                tasks.add(new ReviewTaskStore.NewTask(all.get(pair.left()).key(), finalIdentity[pair.right()],
                        all.get(pair.right()).key(), pair.score(), VectorCode.of(pair.vector())));
            }
        }
        tasks.addAll(existingIdentitiesToReview(all, clusterOf, enterpriseOf, clusterIdentity, result, evidence));

        List<Link> newLinks = linksByIdentity.values().stream().flatMap(List::stream).toList();
        long total = membersOfNew.size() + newLinks.size() + linksByIdentity.size() + tasks.size();
        progress(run.runId(), "WRITING", 0, total);
        Map<String, GoldenRecord> golden = new LinkedHashMap<>();
        Map<String, Integer> counts = new HashMap<>();
        membersOfNew.forEach((identity, members) -> {
            golden.put(identity, Survivorship.of(members));
            counts.put(identity, members.size());
        });
        identities.createAll(connection, golden, counts, now);
        progress(run.runId(), "WRITING", membersOfNew.size(), total);
        links.insertAll(connection, newLinks);
        progress(run.runId(), "WRITING", membersOfNew.size() + newLinks.size(), total);
        List<MpiEvent> linked = new ArrayList<>(linksByIdentity.size());
        linksByIdentity.forEach((identity, held) -> linked.add(
                new MpiEvent.RecordsBulkLinked(identity, run.runId(), membersOfNew.containsKey(identity), held)));
        events.appendAll(connection, linked, actor, now);
        reviews.openAll(connection, tasks, now);
        for (String identity : grownExisting) {
            index.refreshGolden(connection, identity, now);
        }
        progress(run.runId(), "WRITING", total, total);
        double linkerSeconds = result.totalTime().toMillis() / 1000.0;
        return new Outcome(new BulkLinkageRun.Summary(all.size(), newLinks.size(), membersOfNew.size(), tasks.size(),
                result.counts().candidatePairs(), 0, 0, true, 0, 0, 0, linkerSeconds), result);
    }

    /** Each cluster's identity: the existing one most of its records hold, else a new one. */
    private static String[] chooseIdentities(int clusterCount, int[] clusterOf, List<String> enterpriseOf) {
        List<Map<String, Integer>> existing = new ArrayList<>(clusterCount);
        for (int c = 0; c < clusterCount; c++) {
            existing.add(null);
        }
        for (int i = 0; i < clusterOf.length; i++) {
            String identity = enterpriseOf.get(i);
            if (identity != null) {
                int cluster = clusterOf[i];
                if (existing.get(cluster) == null) {
                    existing.set(cluster, new HashMap<>());
                }
                existing.get(cluster).merge(identity, 1, Integer::sum);
            }
        }
        String[] chosen = new String[clusterCount];
        for (int c = 0; c < clusterCount; c++) {
            Map<String, Integer> counts = existing.get(c);
            chosen[c] = counts == null ? UUID.randomUUID().toString() : largest(counts);
        }
        return chosen;
    }

    /** The identity holding most of the cluster's records; the smaller id among equals, so reruns agree. */
    private static String largest(Map<String, Integer> counts) {
        String best = null;
        for (var entry : counts.entrySet()) {
            if (best == null || entry.getValue() > counts.get(best)
                    || (entry.getValue().equals(counts.get(best)) && entry.getKey().compareTo(best) < 0)) {
                best = entry.getKey();
            }
        }
        return best;
    }

    /** For every record, the strongest accepted link it is an end of (links come strongest first), or -1. */
    private static int[] strongestLinkOf(int records, List<LinkageResult.Link> accepted) {
        int[] evidence = new int[records];
        Arrays.fill(evidence, -1);
        for (int i = 0; i < accepted.size(); i++) {
            LinkageResult.Link link = accepted.get(i);
            if (evidence[link.left()] < 0) {
                evidence[link.left()] = i;
            }
            if (evidence[link.right()] < 0) {
                evidence[link.right()] = i;
            }
        }
        return evidence;
    }

    private static Link bulkLink(List<RegisteredRecord> all, int record, String identity, LinkageResult.Link evidence, Instant now) {
        int other = evidence.left() == record ? evidence.right() : evidence.left();
        return new Link(all.get(record).key(), identity, Link.Method.BULK, evidence.score(), VectorCode.of(evidence.vector()),
                all.get(other).key(), now);
    }

    /** Clusters that joined several existing identities: each other identity becomes a question for a reviewer. */
    private static List<ReviewTaskStore.NewTask> existingIdentitiesToReview(List<RegisteredRecord> all, int[] clusterOf,
                                                                            List<String> enterpriseOf, String[] clusterIdentity,
                                                                            LinkageResult result, int[] evidence) {
        List<ReviewTaskStore.NewTask> tasks = new ArrayList<>();
        Map<String, Integer> firstRecordOf = new HashMap<>();
        Set<String> asked = new LinkedHashSet<>();
        for (int i = 0; i < all.size(); i++) {
            String identity = enterpriseOf.get(i);
            if (identity != null) {
                firstRecordOf.putIfAbsent(identity, i);
            }
        }
        for (int i = 0; i < all.size(); i++) {
            String identity = enterpriseOf.get(i);
            String chosen = clusterIdentity[clusterOf[i]];
            if (identity != null && !identity.equals(chosen) && firstRecordOf.containsKey(chosen) && asked.add(identity)
                    && evidence[i] >= 0) {
                LinkageResult.Link link = result.links().get(evidence[i]);
                tasks.add(new ReviewTaskStore.NewTask(all.get(i).key(), chosen, all.get(firstRecordOf.get(chosen)).key(),
                        link.score(), VectorCode.of(link.vector())));
            }
        }
        return tasks;
    }

    private synchronized void progress(String runId, String phase, long done, long total) {
        BulkLinkageRun run = runs.get(runId);
        if (run != null) {
            runs.put(runId, run.progress(phase, done, total));
        }
    }

    private synchronized BulkLinkageRun finish(String runId, BulkLinkageRun.State state, BulkLinkageRun.Summary summary,
                                               String error) {
        BulkLinkageRun run = runs.get(runId);
        BulkLinkageRun finished = new BulkLinkageRun(runId, state, state == BulkLinkageRun.State.SUCCEEDED ? "DONE" : run.phase(),
                run.done(), run.total(), run.startedAt(), clock.instant(), summary, error);
        runs.put(runId, finished);
        running = null;
        return finished;
    }

    private synchronized void keep(BulkLinkageRun run) {
        runs.put(run.runId(), run);
        while (runs.size() > KEPT_RUNS) {
            runs.remove(runs.keySet().iterator().next());
        }
    }

    @PreDestroy
    void stop() {
        runner.shutdownNow();
    }
}
