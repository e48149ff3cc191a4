package rhix.mpi.link;

import static org.assertj.core.api.Assertions.assertThat;
import static rhix.mpi.link.LinkageRecords.BORN;
import static rhix.mpi.link.LinkageRecords.record;
import static rhix.mpi.link.LinkageRecords.residentId;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import rhix.mpi.match.IdentityRecord;

/** The baseline links exactly what its two rules say, and nothing through noise. */
class DeterministicLinkerTest {

    private static final String ID = residentId("330102", BORN, 123);
    private static final String OTHER_ID = residentId("330102", BORN, 456);

    @Test
    void theSameValidIdLinksAcrossTheLegacyFormAndAnIdLessRecordJoinsByNameAndBirthDate() {
        String legacy = ID.substring(0, 6) + ID.substring(8, 17);
        List<IdentityRecord> records = List.of(
                record("a", "王芳", "wang fang", BORN, ID, "13800001111", "330102"),
                record("b", "王芳", "wang fang", BORN, legacy, null, "330102"),
                record("c", "王芳", "wang fang", BORN, null, "13900002222", "330102"),
                record("d", "汪芳", "wang fang", BORN, null, "13800001111", "330102"));

        int[] clusters = new DeterministicLinker().link(records).clusterOf();

        assertThat(clusters).containsExactly(0, 0, 0, 1);
    }

    @Test
    void anIdLessRecordStaysAloneWhenItsNameAndBirthDateBelongToTwoIds() {
        List<IdentityRecord> records = List.of(
                record("a", "王芳", "wang fang", BORN, ID, null, "330102"),
                record("b", "王芳", "wang fang", BORN, OTHER_ID, null, "330102"),
                record("c", "王芳", "wang fang", BORN, null, null, "330102"),
                record("d", "王芳", "wang fang", LocalDate.of(1968, 7, 3), null, null, "330102"));

        DeterministicLinker.Result result = new DeterministicLinker().link(records);

        assertThat(result.clusterOf()).containsExactly(0, 1, 2, 3);
        assertThat(result.clusterCount()).isEqualTo(4);
    }
}
