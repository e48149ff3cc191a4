package rhix.mpi.api.http;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import rhix.mpi.index.IdentityStewardship;
import rhix.mpi.index.RecordKey;

/**
 * A merge or unmerge as the administrator sees it; {@code mergeSequence} is the event to name in an unmerge
 * (for an unmerge, the unmerge's own event).
 */
@Serdeable
public record MergeView(String survivor, String retired, List<RecordKey> moved, Long mergeSequence) {

    static MergeView of(IdentityStewardship.Merge merge) {
        return new MergeView(merge.survivor(), merge.retired(), merge.moved().stream().map(link -> link.record()).toList(),
                merge.mergeSequence());
    }
}
