package rhix.mpi.link;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import rhix.mpi.match.Agreement;
import rhix.mpi.match.ComparisonVector;
import rhix.mpi.match.ExpectationMaximization;
import rhix.mpi.match.FellegiSunterModel;
import rhix.mpi.match.IdentityRecord;
import rhix.mpi.match.Trait;
import rhix.mpi.link.LinkageResult.Link;
import rhix.mpi.link.LinkageResult.ModelEstimate;
import rhix.mpi.link.LinkageResult.ReviewPair;
import rhix.mpi.link.LinkageResult.ReviewReason;

/**
 * Links a whole population of records at once (a region's first load, a re-linkage after the model
 * changed), in memory: blocking, comparison, unsupervised estimation of the model, scoring, clustering.
 *
 * <p>Pairs live in primitive arrays (a pair is a {@code long}, its vector a two-bit-per-trait code in a
 * {@code short}), so a million records with a few million candidate pairs need a few hundred megabytes,
 * most of it the records themselves. Comparing is the costly step and runs on every core.
 *
 * <p>Clustering takes the links strongest first (ties in record order), so the result does not depend on
 * thread timing, and the strongest evidence decides when two links contradict each other: a link between
 * two clusters whose valid resident IDs are all different numbers (none a typo of another) is refused and
 * sent to review, which stops a chain of near-matches from merging two people who each have their own ID.
 */
public final class BulkLinker {

    private final LinkageOptions options;

    public BulkLinker(LinkageOptions options) {
        this.options = options;
    }

    public BulkLinker() {
        this(LinkageOptions.defaults());
    }

    public LinkageResult link(List<IdentityRecord> records) {
        return link(records, LinkageProgressListener.NONE);
    }

    public LinkageResult link(List<IdentityRecord> records, LinkageProgressListener listener) {
        IdentityRecord[] byIndex = records.toArray(IdentityRecord[]::new);
        Map<LinkagePhase, Duration> timings = new EnumMap<>(LinkagePhase.class);

        long started = System.nanoTime();
        CandidatePairs.Blocking blocking = CandidatePairs.of(records, options.maxBlockSize(),
                new MonotonicProgress(listener, LinkagePhase.BLOCKING, byIndex.length));
        long[] pairs = blocking.pairs();
        started = lap(timings, LinkagePhase.BLOCKING, started);

        short[] codes = new short[pairs.length];
        long[] patternCounts = compare(byIndex, pairs, codes, new MonotonicProgress(listener, LinkagePhase.COMPARING, pairs.length));
        started = lap(timings, LinkagePhase.COMPARING, started);

        ModelEstimate estimate = estimate(patternCounts, listener);
        started = lap(timings, LinkagePhase.ESTIMATING, started);

        double[] scoreOf = new double[AgreementPattern.PATTERNS];
        double[] probabilityOf = new double[AgreementPattern.PATTERNS];
        for (int code = 0; code < AgreementPattern.PATTERNS; code++) {
            ComparisonVector vector = AgreementPattern.decode(code);
            scoreOf[code] = estimate.model().score(vector);
            probabilityOf[code] = estimate.model().matchProbability(vector);
        }
        int[] candidates = reviewOrBetter(codes, probabilityOf,
                new MonotonicProgress(listener, LinkagePhase.SCORING, pairs.length));
        started = lap(timings, LinkagePhase.SCORING, started);

        Clustering clustering = new Clustering(byIndex, pairs, codes, scoreOf, probabilityOf,
                new MonotonicProgress(listener, LinkagePhase.CLUSTERING, candidates.length));
        clustering.run(candidates);
        lap(timings, LinkagePhase.CLUSTERING, started);

        int patterns = (int) Arrays.stream(patternCounts).filter(count -> count > 0).count();
        LinkageResult.Counts counts = new LinkageResult.Counts(byIndex.length, blocking.blocks(), blocking.oversizedBlocks(),
                blocking.oversizedPairsSkipped(), pairs.length, patterns, clustering.links.size(), clustering.conflicts,
                clustering.review.size());
        int[] clusterOf = clustering.sets.denseLabels();
        int clusterCount = Arrays.stream(clusterOf).max().orElse(-1) + 1;
        return new LinkageResult(clusterOf, clusterCount, clustering.links, clustering.review, estimate, counts, timings);
    }

    /** Fills each pair's pattern code, on every core, and counts pairs per pattern. */
    private static long[] compare(IdentityRecord[] records, long[] pairs, short[] codes, MonotonicProgress progress) {
        return IntStream.range(0, CandidatePairs.chunks(pairs.length)).parallel().mapToObj(chunk -> {
            long[] counts = new long[AgreementPattern.PATTERNS];
            int from = chunk * CandidatePairs.CHUNK;
            int to = Math.min(pairs.length, from + CandidatePairs.CHUNK);
            for (int p = from; p < to; p++) {
                int code = AgreementPattern.compare(records[CandidatePairs.left(pairs[p])], records[CandidatePairs.right(pairs[p])]);
                codes[p] = (short) code;
                counts[code]++;
            }
            progress.advance(to - from);
            return counts;
        }).reduce(new long[AgreementPattern.PATTERNS], (a, b) -> {
            long[] sum = new long[AgreementPattern.PATTERNS];
            for (int i = 0; i < sum.length; i++) {
                sum[i] = a[i] + b[i];
            }
            return sum;
        });
    }

    private ModelEstimate estimate(long[] patternCounts, LinkageProgressListener listener) {
        MonotonicProgress progress = new MonotonicProgress(listener, LinkagePhase.ESTIMATING, 1);
        if (options.model().isPresent()) {
            progress.finish();
            return new ModelEstimate(options.model().get(), 0, true, true);
        }
        Map<ComparisonVector, Long> patterns = new HashMap<>();
        for (int code = 0; code < patternCounts.length; code++) {
            if (patternCounts[code] > 0) {
                patterns.put(AgreementPattern.decode(code), patternCounts[code]);
            }
        }
        if (patterns.isEmpty()) {
            progress.finish();
            return new ModelEstimate(FellegiSunterModel.initial(), 0, false, false);
        }
        ExpectationMaximization.Estimate estimate = ExpectationMaximization.estimate(patterns, FellegiSunterModel.initial(),
                options.maxEmIterations(), options.emTolerance());
        progress.finish();
        return new ModelEstimate(estimate.model(), estimate.iterations(), estimate.converged(), false);
    }

    /** The indexes of pairs at or above the review threshold, ascending. */
    private int[] reviewOrBetter(short[] codes, double[] probabilityOf, MonotonicProgress progress) {
        double review = options.reviewProbability();
        int[][] perChunk = IntStream.range(0, CandidatePairs.chunks(codes.length)).parallel().mapToObj(chunk -> {
            int from = chunk * CandidatePairs.CHUNK;
            int to = Math.min(codes.length, from + CandidatePairs.CHUNK);
            int[] kept = new int[to - from];
            int count = 0;
            for (int p = from; p < to; p++) {
                if (probabilityOf[codes[p]] >= review) {
                    kept[count++] = p;
                }
            }
            progress.advance(to - from);
            return Arrays.copyOf(kept, count);
        }).toArray(int[][]::new);
        progress.finish();
        return Arrays.stream(perChunk).flatMapToInt(Arrays::stream).toArray();
    }

    private static long lap(Map<LinkagePhase, Duration> timings, LinkagePhase phase, long started) {
        long now = System.nanoTime();
        timings.put(phase, Duration.ofNanos(now - started));
        return now;
    }

    /** Union-find over the links, strongest first, refusing the ones that would join disagreeing resident IDs. */
    private final class Clustering {

        private final IdentityRecord[] records;
        private final long[] pairs;
        private final short[] codes;
        private final double[] scoreOf;
        private final double[] probabilityOf;
        private final MonotonicProgress progress;
        final UnionFind sets;
        final List<Link> links = new ArrayList<>();
        final List<ReviewPair> review = new ArrayList<>();
        long conflicts;
        /**
         * Per cluster root, the records holding its distinct valid resident IDs: one record for almost every
         * cluster (kept in an array), more only where typos put several spellings of one ID in a cluster.
         */
        private final int[] idHolder;
        private final Map<Integer, int[]> moreIdHolders = new HashMap<>();

        Clustering(IdentityRecord[] records, long[] pairs, short[] codes, double[] scoreOf, double[] probabilityOf,
                   MonotonicProgress progress) {
            this.records = records;
            this.pairs = pairs;
            this.codes = codes;
            this.scoreOf = scoreOf;
            this.probabilityOf = probabilityOf;
            this.progress = progress;
            this.sets = new UnionFind(records.length);
            this.idHolder = new int[records.length];
            for (int i = 0; i < records.length; i++) {
                idHolder[i] = records[i].residentId() != null ? i : -1;
            }
        }

        void run(int[] candidates) {
            int[] ordered = strongestFirst(candidates);
            int[] band = new int[ordered.length];
            int bandSize = 0;
            int done = 0;
            for (int p : ordered) {
                int code = codes[p];
                if (probabilityOf[code] >= options.linkProbability() && scoreOf[code] >= options.minLinkScore()) {
                    link(p, code);
                } else {
                    band[bandSize++] = p;
                }
                if (++done % CandidatePairs.CHUNK == 0) {
                    progress.advance(CandidatePairs.CHUNK);
                }
            }
            // The band is judged against the finished clusters: a pair already joined by stronger links needs no review.
            for (int b = 0; b < bandSize; b++) {
                int p = band[b];
                int left = CandidatePairs.left(pairs[p]);
                int right = CandidatePairs.right(pairs[p]);
                if (sets.find(left) != sets.find(right)) {
                    review.add(reviewPair(p, ReviewReason.REVIEW_BAND));
                }
            }
            progress.finish();
        }

        private void link(int p, int code) {
            int left = CandidatePairs.left(pairs[p]);
            int right = CandidatePairs.right(pairs[p]);
            int leftRoot = sets.find(left);
            int rightRoot = sets.find(right);
            if (leftRoot != rightRoot) {
                if (options.refuseConflictingResidentIds() && conflicting(leftRoot, rightRoot)) {
                    conflicts++;
                    review.add(reviewPair(p, ReviewReason.CONFLICTING_RESIDENT_IDS));
                    return;
                }
                int root = sets.unionRoots(leftRoot, rightRoot);
                mergeIds(root, root == leftRoot ? rightRoot : leftRoot);
            }
            links.add(new Link(left, right, scoreOf[code], probabilityOf[code], AgreementPattern.decode(code)));
        }

        private ReviewPair reviewPair(int p, ReviewReason reason) {
            int code = codes[p];
            return new ReviewPair(CandidatePairs.left(pairs[p]), CandidatePairs.right(pairs[p]), scoreOf[code],
                    probabilityOf[code], AgreementPattern.decode(code), reason);
        }

        /**
         * Both clusters hold valid IDs and none of one cluster's is the same number as, or a typo apart from,
         * any of the other's. Requiring every pair to agree would be too strict: a person seen at three
         * hospitals may carry two different typos of their number, each a typo of the true one but not of
         * each other (measured: that refused 28 true links in 180,000 records and prevented no false one).
         */
        private boolean conflicting(int leftRoot, int rightRoot) {
            int[] left = holders(leftRoot);
            int[] right = holders(rightRoot);
            if (left.length == 0 || right.length == 0) {
                return false;
            }
            for (int a : left) {
                for (int b : right) {
                    if (Trait.RESIDENT_ID.compare(records[a], records[b]) != Agreement.DISAGREE) {
                        return false;
                    }
                }
            }
            return true;
        }

        private int[] holders(int root) {
            int[] more = moreIdHolders.get(root);
            if (more != null) {
                return more;
            }
            return idHolder[root] < 0 ? new int[0] : new int[] {idHolder[root]};
        }

        private void mergeIds(int root, int absorbed) {
            int[] kept = holders(root);
            int[] added = holders(absorbed);
            moreIdHolders.remove(absorbed);
            List<Integer> union = new ArrayList<>(kept.length + added.length);
            for (int k : kept) {
                union.add(k);
            }
            for (int a : added) {
                if (union.stream().noneMatch(k -> records[k].residentId().equals(records[a].residentId()))) {
                    union.add(a);
                }
            }
            if (union.isEmpty()) {
                idHolder[root] = -1;
            } else {
                idHolder[root] = union.getFirst();
            }
            if (union.size() > 1) {
                moreIdHolders.put(root, union.stream().mapToInt(Integer::intValue).toArray());
            } else {
                moreIdHolders.remove(root);
            }
        }

        /**
         * Pair indexes by descending score, ties by ascending pair: a counting sort on the pattern, since a
         * pair's score is its pattern's; pairs are already ascending, so each pattern's bucket stays ascending.
         */
        private int[] strongestFirst(int[] candidates) {
            Integer[] patternOrder = IntStream.range(0, AgreementPattern.PATTERNS).boxed()
                    .sorted((a, b) -> scoreOf[a] != scoreOf[b] ? Double.compare(scoreOf[b], scoreOf[a]) : Integer.compare(a, b))
                    .toArray(Integer[]::new);
            int[] rank = new int[AgreementPattern.PATTERNS];
            for (int r = 0; r < patternOrder.length; r++) {
                rank[patternOrder[r]] = r;
            }
            int[] start = new int[AgreementPattern.PATTERNS + 1];
            for (int p : candidates) {
                start[rank[codes[p]] + 1]++;
            }
            for (int r = 0; r < AgreementPattern.PATTERNS; r++) {
                start[r + 1] += start[r];
            }
            int[] ordered = new int[candidates.length];
            for (int p : candidates) {
                ordered[start[rank[codes[p]]]++] = p;
            }
            return ordered;
        }
    }
}
