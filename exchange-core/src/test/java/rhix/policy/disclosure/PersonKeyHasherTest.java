package rhix.policy.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class PersonKeyHasherTest {

    private static final byte[] REGION_KEY = key('r', 32);

    private final PersonKeyHasher hasher = new PersonKeyHasher(REGION_KEY);

    @Test
    void everyNodeWithTheRegionKeyGivesTheSameHashForAPersonInOneQuery() {
        PersonKeyHasher otherNode = new PersonKeyHasher(key('r', 32));

        assertThat(otherNode.hash("query-20261202-0001", "EP000123"))
                .isEqualTo(hasher.hash("query-20261202-0001", "EP000123"))
                .isEqualTo(hasher.hash("query-20261202-0001", "EP000123"));
    }

    @Test
    void hashesDoNotLinkAcrossQueriesOrPersons() {
        long first = hasher.hash("query-1", "EP000123");

        assertThat(hasher.hash("query-2", "EP000123")).isNotEqualTo(first);
        assertThat(hasher.hash("query-1", "EP000124")).isNotEqualTo(first);
        assertThat(new PersonKeyHasher(key('s', 32)).hash("query-1", "EP000123")).isNotEqualTo(first);
    }

    @Test
    void isTheFirstEightBytesOfHmacSha256OverSaltZeroValue() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(REGION_KEY, "HmacSHA256"));
        byte[] digest = mac.doFinal("q-7\0张三-EP9".getBytes(StandardCharsets.UTF_8));

        assertThat(hasher.hash("q-7", "张三-EP9")).isEqualTo(ByteBuffer.wrap(digest, 0, 8).getLong());
    }

    @Test
    void theSeparatorKeepsSaltAndValueApart() {
        assertThat(hasher.hash("q-1", "2EP")).isNotEqualTo(hasher.hash("q-12", "EP"));
        assertThatThrownBy(() -> hasher.hash("q\0-1", "EP"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("may not contain U+0000");
    }

    @Test
    void refusesKeysShorterThan32Bytes() {
        assertThatThrownBy(() -> new PersonKeyHasher(key('r', 31)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the region key must have at least 32 bytes, had 31");
        assertThat(new PersonKeyHasher(key('r', 64)).hash("q", "EP")).isNotEqualTo(hasher.hash("q", "EP"));
    }

    @Test
    void theCallerChangingItsKeyArrayAfterwardsChangesNothing() {
        byte[] regionKey = key('r', 32);
        PersonKeyHasher keyed = new PersonKeyHasher(regionKey);
        long before = keyed.hash("q", "EP1");

        Arrays.fill(regionKey, (byte) 0);

        assertThat(keyed.hash("q", "EP1")).isEqualTo(before);
    }

    @Test
    void threadsHashingAtOnceGetWhatOneThreadGets() throws Exception {
        long[] expected = new long[10_000];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = hasher.hash("q-threads", "EP" + i);
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<long[]>> results = new ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                results.add(pool.submit(() -> {
                    long[] hashes = new long[expected.length];
                    for (int i = 0; i < hashes.length; i++) {
                        hashes[i] = hasher.hash("q-threads", "EP" + i);
                    }
                    return hashes;
                }));
            }
            for (Future<long[]> result : results) {
                assertThat(result.get()).isEqualTo(expected);
            }
        }
    }

    @Test
    void aMillionDistinctPersonsGiveAMillionDistinctHashesWithBalancedBits() {
        int persons = 1_000_000;
        long[] hashes = new long[persons];
        for (int i = 0; i < persons; i++) {
            hashes[i] = hasher.hash("query-spread", "EP" + (10_000_000 + i));
        }

        long[] sorted = hashes.clone();
        Arrays.sort(sorted);
        int collisions = 0;
        for (int i = 1; i < persons; i++) {
            if (sorted[i] == sorted[i - 1]) {
                collisions++;
            }
        }
        assertThat(collisions).as("colliding hashes among 1M sequential ids").isZero();

        // Sequential ids must not leave any bit stuck: each of the 64 bits is set in about half of the hashes.
        for (int bit = 0; bit < 64; bit++) {
            long set = 0;
            for (long hash : hashes) {
                set += (hash >>> bit) & 1;
            }
            assertThat(set).as("hashes with bit %d set", bit).isBetween(persons / 2 - 5_000L, persons / 2 + 5_000L);
        }
    }

    private static byte[] key(char fill, int length) {
        byte[] key = new byte[length];
        for (int i = 0; i < length; i++) {
            key[i] = (byte) (fill + i);
        }
        return key;
    }
}
