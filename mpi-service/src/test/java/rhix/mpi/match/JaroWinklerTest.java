package rhix.mpi.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class JaroWinklerTest {

    @Test
    void matchesWinklersPublishedValues() {
        assertThat(JaroWinkler.similarity("MARTHA", "MARHTA")).isCloseTo(0.961, within(0.001));
        assertThat(JaroWinkler.similarity("DWAYNE", "DUANE")).isCloseTo(0.840, within(0.001));
        assertThat(JaroWinkler.similarity("DIXON", "DICKSONX")).isCloseTo(0.813, within(0.001));
    }

    @Test
    void equalIsOneAndNothingInCommonIsZero() {
        assertThat(JaroWinkler.similarity("zhangwei", "zhangwei")).isEqualTo(1.0);
        assertThat(JaroWinkler.similarity("abc", "xyz")).isZero();
        assertThat(JaroWinkler.similarity("", "li")).isZero();
    }
}
