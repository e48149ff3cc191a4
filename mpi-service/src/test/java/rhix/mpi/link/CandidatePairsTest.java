package rhix.mpi.link;

import static org.assertj.core.api.Assertions.assertThat;
import static rhix.mpi.link.LinkageRecords.BORN;
import static rhix.mpi.link.LinkageRecords.record;
import static rhix.mpi.link.LinkageRecords.residentId;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import rhix.mpi.match.IdentityRecord;

/** Blocking turns shared keys into distinct pairs and skips blocks too big to pair out, saying what they cost. */
class CandidatePairsTest {

    private static final MonotonicProgress SILENT = new MonotonicProgress(LinkageProgressListener.NONE, LinkagePhase.BLOCKING, 0);

    @Test
    void aPairSharingEveryKeyIsComparedOnce() {
        String id = residentId("330102", BORN, 123);
        List<IdentityRecord> records = List.of(
                record("a", "王芳", "wang fang", BORN, id, "13800001111", "330102"),
                record("b", "王芳", "wang fang", BORN, id, "13800001111", "330102"),
                record("c", "王芳", "wang fang", BORN, id, "13800001111", "330102"),
                record("d", "李雷", "li lei", LocalDate.of(1990, 1, 1), null, "13999990000", "330102"));

        CandidatePairs.Blocking blocking = CandidatePairs.of(records, 1_000, SILENT);

        assertThat(blocking.pairs()).containsExactly(CandidatePairs.pair(0, 1), CandidatePairs.pair(0, 2), CandidatePairs.pair(1, 2));
        assertThat(blocking.blocks()).isEqualTo(3);
        assertThat(blocking.oversizedBlocks()).isZero();
    }

    @Test
    void anOversizedBlockIsSkippedAndItsCostReportedWhileOtherKeysStillPairItsRecords() {
        // Four people share a phone (a family's landline); two of them also share a name and birth year.
        List<IdentityRecord> records = List.of(
                record("a", "王芳", "wang fang", BORN, null, "057188880000", "330102"),
                record("b", "李雷", "li lei", LocalDate.of(1990, 1, 1), null, "057188880000", "330102"),
                record("c", "赵敏", "zhao min", LocalDate.of(1975, 9, 9), null, "057188880000", "330102"),
                record("d", "汪芳", "wang fang", BORN.plusDays(3), null, "057188880000", "330102"));

        CandidatePairs.Blocking blocking = CandidatePairs.of(records, 3, SILENT);

        assertThat(blocking.oversizedBlocks()).isEqualTo(1);
        assertThat(blocking.oversizedPairsSkipped()).isEqualTo(6);
        assertThat(blocking.pairs()).containsExactly(CandidatePairs.pair(0, 3));
    }

    @Test
    void packsAPairIntoALongAndBack() {
        long pair = CandidatePairs.pair(1_999_999, 2_000_000);

        assertThat(CandidatePairs.left(pair)).isEqualTo(1_999_999);
        assertThat(CandidatePairs.right(pair)).isEqualTo(2_000_000);
        assertThat(CandidatePairs.pair(1, 2)).isLessThan(CandidatePairs.pair(1, 3)).isLessThan(CandidatePairs.pair(2, 0));
    }
}
