package rhix.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.BitSet;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class KeyedPermutationTest {

    @Test
    void mapsEveryIndexToADistinctIndexInRange() {
        for (long size : new long[] {1, 2, 3, 17, 1000, 4097, 65_536, 100_003}) {
            KeyedPermutation permutation = new KeyedPermutation(size, 42);
            BitSet seen = new BitSet((int) size);
            for (long index = 0; index < size; index++) {
                long image = permutation.apply(index);
                assertThat(image).as("size %d, index %d", size, index).isBetween(0L, size - 1);
                assertThat(seen.get((int) image)).as("size %d: %d hit twice", size, image).isFalse();
                seen.set((int) image);
            }
        }
    }

    @Test
    void differentKeysGiveDifferentPermutationsAndTheSameKeyTheSame() {
        KeyedPermutation one = new KeyedPermutation(1000, 1);
        KeyedPermutation again = new KeyedPermutation(1000, 1);
        KeyedPermutation other = new KeyedPermutation(1000, 2);

        long[] first = LongStream.range(0, 1000).map(one::apply).toArray();
        assertThat(LongStream.range(0, 1000).map(again::apply).toArray()).isEqualTo(first);
        assertThat(LongStream.range(0, 1000).map(other::apply).toArray()).isNotEqualTo(first);
        // It scrambles: consecutive indexes do not stay consecutive.
        assertThat(LongStream.range(0, 999).filter(i -> Math.abs(first[(int) i + 1] - first[(int) i]) == 1).count()).isLessThan(50);
    }

    @Test
    void refusesIndexesOutsideItsRange() {
        KeyedPermutation permutation = new KeyedPermutation(10, 0);

        assertThatThrownBy(() -> permutation.apply(10)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside 0..9");
        assertThatThrownBy(() -> permutation.apply(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KeyedPermutation(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
