package rhix.mpi.index;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import rhix.identity.InvalidResidentIdException;
import rhix.identity.ResidentId;

/**
 * Which of a person's records' values the golden record keeps. The rules, in order of trust:
 * <ol>
 *   <li><b>Resident ID</b>: the valid number most records carry; ties go to the most recently registered.
 *       Invalid numbers never survive.</li>
 *   <li><b>Birth date and sex</b>: read from that number when there is one (GB 11643 encodes both, and
 *       its check character catches the typos a free date field lets through); otherwise the value most
 *       records carry, ties to the newest.</li>
 *   <li><b>Name</b> (characters, with the pinyin of the same record): the one most records carry, ties to
 *       the newest: a homophone slip at one desk does not outvote the rest.</li>
 *   <li><b>Phone and address division</b>: the newest record's, because people change numbers and move.</li>
 * </ol>
 * The result depends only on the set of records, not on the order they arrived in, so unmerging and
 * recomputing restores exactly what was there.
 */
public final class Survivorship {

    private Survivorship() {
    }

    public static GoldenRecord of(List<RegisteredRecord> records) {
        if (records.isEmpty()) {
            return new GoldenRecord(null, null, null, null, null, null, null);
        }
        // Newest first, with the record key breaking ties so the choice never depends on arrival order.
        List<RegisteredRecord> newestFirst = records.stream()
                .sorted(Comparator.comparing(RegisteredRecord::registeredAt).reversed()
                        .thenComparing(record -> record.key().toString()))
                .toList();
        String residentId = mostCommon(newestFirst, record -> record.traits().residentId());
        ResidentId id = parse(residentId);
        RegisteredRecord named = newestFirst.stream()
                .filter(record -> Objects.equals(record.traits().nameZh(),
                        mostCommon(newestFirst, candidate -> candidate.traits().nameZh())))
                .findFirst().orElse(newestFirst.getFirst());
        LocalDate birthDate = id != null ? id.birthDate() : mostCommon(newestFirst, record -> record.traits().birthDate());
        String gender = id != null ? id.sex().fhirAdministrativeGender()
                : mostCommon(newestFirst, record -> "unknown".equals(record.traits().gender()) ? null : record.traits().gender());
        return new GoldenRecord(residentId, named.traits().nameZh(), named.traits().namePinyin(), gender, birthDate,
                newest(newestFirst, record -> record.traits().phone()),
                newest(newestFirst, record -> record.traits().divisionCode()));
    }

    /** The value most records carry; among equally common ones, the newest record's. Nulls never win. */
    private static <T> T mostCommon(List<RegisteredRecord> newestFirst, Function<RegisteredRecord, T> value) {
        Map<T, Integer> counts = new HashMap<>();
        for (RegisteredRecord record : newestFirst) {
            T v = value.apply(record);
            if (v != null) {
                counts.merge(v, 1, Integer::sum);
            }
        }
        T best = null;
        int bestCount = 0;
        for (RegisteredRecord record : newestFirst) {
            T v = value.apply(record);
            if (v != null && counts.get(v) > bestCount) {
                best = v;
                bestCount = counts.get(v);
            }
        }
        return best;
    }

    private static <T> T newest(List<RegisteredRecord> newestFirst, Function<RegisteredRecord, T> value) {
        return newestFirst.stream().map(value).filter(Objects::nonNull).findFirst().orElse(null);
    }

    private static ResidentId parse(String residentId) {
        try {
            return residentId == null ? null : ResidentId.parse(residentId);
        } catch (InvalidResidentIdException e) {
            return null;
        }
    }
}
