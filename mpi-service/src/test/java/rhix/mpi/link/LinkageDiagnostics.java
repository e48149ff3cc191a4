package rhix.mpi.link;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import rhix.mpi.match.Agreement;
import rhix.mpi.match.BlockingKeys;
import rhix.mpi.match.ComparisonVector;
import rhix.mpi.match.FellegiSunterModel;
import rhix.mpi.match.IdentityRecord;
import rhix.mpi.match.Trait;

/**
 * Where a linkage went wrong, for tuning: the missed pairs of one person (not blocked together, or
 * blocked but scored too low, by comparison pattern) and the accepted links between two people. True
 * pairs are enumerated person by person (a person has a handful of records), never all pairs.
 */
public final class LinkageDiagnostics {

    private LinkageDiagnostics() {
    }

    public static String describe(GeneratedPopulation population, LinkageResult result, int top) {
        List<IdentityRecord> records = population.records();
        long[] personOf = population.personOf();
        Integer[] order = IntStream.range(0, records.size()).boxed().sorted(Comparator.comparingLong(i -> personOf[i]))
                .toArray(Integer[]::new);
        FellegiSunterModel model = result.model().model();
        Map<String, Long> missed = new TreeMap<>();
        List<String> examples = new ArrayList<>();
        long notBlocked = 0;
        long missedPairs = 0;
        for (int start = 0; start < order.length; ) {
            int end = start + 1;
            while (end < order.length && personOf[order[end]] == personOf[order[start]]) {
                end++;
            }
            for (int a = start; a < end; a++) {
                for (int b = a + 1; b < end; b++) {
                    int left = order[a];
                    int right = order[b];
                    if (result.clusterOf()[left] == result.clusterOf()[right]) {
                        continue;
                    }
                    missedPairs++;
                    Set<String> shared = new HashSet<>(BlockingKeys.of(records.get(left)));
                    shared.retainAll(BlockingKeys.of(records.get(right)));
                    if (shared.isEmpty()) {
                        notBlocked++;
                    }
                    ComparisonVector vector = ComparisonVector.of(records.get(left), records.get(right));
                    if (examples.size() < top) {
                        examples.add(pattern(vector) + "\n      " + records.get(left) + "\n      " + records.get(right));
                    }
                    missed.merge((shared.isEmpty() ? "unblocked " : "") + pattern(vector)
                            + String.format(" p=%.3f", model.matchProbability(vector)), 1L, Long::sum);
                }
            }
            start = end;
        }
        Map<String, Long> wrongLinks = new TreeMap<>();
        for (LinkageResult.Link link : result.links()) {
            if (personOf[link.left()] != personOf[link.right()]) {
                wrongLinks.merge(pattern(link.vector()) + String.format(" p=%.3f", link.matchProbability()), 1L, Long::sum);
            }
        }
        StringBuilder text = new StringBuilder();
        text.append(String.format("missed true pairs (record pairs of one person in different clusters): %d, not blocked: %d%n",
                missedPairs, notBlocked));
        top(missed, top).forEach(line -> text.append("  FN ").append(line).append('\n'));
        examples.forEach(line -> text.append("  example ").append(line).append('\n'));
        text.append(String.format("links between different persons: %d%n", wrongLinks.values().stream().mapToLong(Long::longValue).sum()));
        top(wrongLinks, top).forEach(line -> text.append("  FP ").append(line).append('\n'));
        return text.toString();
    }

    /** The vector as six letters in {@link Trait} order: A agree, P partial, D disagree, - missing. */
    public static String pattern(ComparisonVector vector) {
        StringBuilder text = new StringBuilder();
        for (Trait trait : Trait.values()) {
            Agreement level = vector.get(trait);
            text.append(switch (level) {
                case AGREE -> 'A';
                case PARTIAL -> 'P';
                case DISAGREE -> 'D';
                case MISSING -> '-';
            });
        }
        return text.toString();
    }

    private static List<String> top(Map<String, Long> counts, int top) {
        List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
        entries.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        return entries.stream().limit(top).map(e -> e.getValue() + " × " + e.getKey()).collect(Collectors.toList());
    }
}
