package rhix.mpi.link;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import rhix.mpi.match.IdentityRecord;

/**
 * The rule a hospital system without an MPI would use, kept as the baseline the probabilistic linker must
 * beat: the same valid resident ID is the same person; a record without one is the person with the same
 * Chinese name and birth date, when the records that share them agree on a single ID (or have none). It
 * never links through noise (a homophone, a swapped day and month, a mistyped ID), which is what it is for.
 */
public final class DeterministicLinker {

    /**
     * @param clusterOf each record's cluster, numbered densely in order of each cluster's first record
     */
    public record Result(int[] clusterOf, int clusterCount, Duration elapsed) {
    }

    private record NameAndBirth(String nameZh, LocalDate birthDate) {
    }

    public Result link(List<IdentityRecord> records) {
        long started = System.nanoTime();
        UnionFind sets = new UnionFind(records.size());
        Map<String, Integer> firstWithId = new HashMap<>();
        Map<NameAndBirth, List<Integer>> byNameAndBirth = new HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            IdentityRecord record = records.get(i);
            if (record.residentId() != null) {
                Integer first = firstWithId.putIfAbsent(record.residentId(), i);
                if (first != null) {
                    sets.union(first, i);
                }
            }
            if (record.nameZh() != null && record.birthDate() != null) {
                byNameAndBirth.computeIfAbsent(new NameAndBirth(record.nameZh(), record.birthDate()), key -> new ArrayList<>(2)).add(i);
            }
        }
        for (List<Integer> group : byNameAndBirth.values()) {
            List<Integer> withoutId = group.stream().filter(i -> records.get(i).residentId() == null).toList();
            if (withoutId.isEmpty()) {
                continue;
            }
            List<String> ids = group.stream().map(i -> records.get(i).residentId()).filter(id -> id != null).distinct().toList();
            if (ids.size() > 1) {
                continue; // two people of the same name and birthday: nothing says which one the ID-less record is
            }
            int anchor = ids.isEmpty() ? withoutId.getFirst() : firstWithId.get(ids.getFirst());
            withoutId.forEach(i -> sets.union(anchor, i));
        }
        int[] clusterOf = sets.denseLabels();
        int clusterCount = 0;
        for (int label : clusterOf) {
            clusterCount = Math.max(clusterCount, label + 1);
        }
        return new Result(clusterOf, clusterCount, Duration.ofNanos(System.nanoTime() - started));
    }
}
