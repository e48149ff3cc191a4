package rhix.mpi.link;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import rhix.mpi.match.BlockingKeys;
import rhix.mpi.match.IdentityRecord;

/**
 * Blocking: the distinct pairs of records that share at least one {@link BlockingKeys} key.
 *
 * <p>Millions of records make millions of key strings; rather than a map from key to record list, each
 * (key, record) becomes one {@code long}: the key's 64-bit hash in the high bits and the record index in
 * the low ones, sorted in parallel so that a block is a run of equal high bits. The hash keeps
 * {@code 64 - indexBits} bits (44 for a million records), so two different keys share a block about once
 * per run at that size: that only adds a few pairs to compare, never loses one. Pairs are packed the same
 * way (lower index in the high half), sorted and deduplicated, so a pair sharing several keys is compared once.
 */
final class CandidatePairs {

    /** The outcome: pairs sorted ascending, each {@code (long) left << 32 | right} with left &lt; right. */
    record Blocking(long[] pairs, long blocks, long oversizedBlocks, long oversizedPairsSkipped) {
    }

    private CandidatePairs() {
    }

    static long pair(int left, int right) {
        return (long) left << 32 | right;
    }

    static int left(long pair) {
        return (int) (pair >>> 32);
    }

    static int right(long pair) {
        return (int) pair;
    }

    static Blocking of(List<IdentityRecord> records, int maxBlockSize, MonotonicProgress progress) {
        int n = records.size();
        int indexBits = Math.max(1, 32 - Integer.numberOfLeadingZeros(Math.max(1, n - 1)));
        long indexMask = (1L << indexBits) - 1;

        long[][] keysOfRecord = new long[n][];
        IntStream.range(0, chunks(n)).parallel().forEach(chunk -> {
            int from = chunk * CHUNK;
            int to = Math.min(n, from + CHUNK);
            for (int i = from; i < to; i++) {
                List<String> keys = BlockingKeys.of(records.get(i));
                long[] entries = new long[keys.size()];
                for (int k = 0; k < entries.length; k++) {
                    entries[k] = (hash(keys.get(k)) & ~indexMask) | i;
                }
                keysOfRecord[i] = entries;
            }
            progress.advance(to - from);
        });
        long[] entries = new long[Arrays.stream(keysOfRecord).mapToInt(keys -> keys.length).sum()];
        int filled = 0;
        for (int i = 0; i < n; i++) {
            System.arraycopy(keysOfRecord[i], 0, entries, filled, keysOfRecord[i].length);
            filled += keysOfRecord[i].length;
            keysOfRecord[i] = null;
        }
        Arrays.parallelSort(entries);

        // Runs of equal key hash: keep the blocks that yield pairs and are not oversized.
        int[] blockStart = new int[16];
        int[] blockLength = new int[16];
        int blocks = 0;
        long oversized = 0;
        long oversizedPairs = 0;
        for (int start = 0; start < entries.length; ) {
            long key = entries[start] & ~indexMask;
            int end = start + 1;
            while (end < entries.length && (entries[end] & ~indexMask) == key) {
                end++;
            }
            int length = end - start;
            if (length > maxBlockSize) {
                oversized++;
                oversizedPairs += pairsIn(length);
            } else if (length >= 2) {
                if (blocks == blockStart.length) {
                    blockStart = Arrays.copyOf(blockStart, blocks * 2);
                    blockLength = Arrays.copyOf(blockLength, blocks * 2);
                }
                blockStart[blocks] = start;
                blockLength[blocks] = length;
                blocks++;
            }
            start = end;
        }

        long[] offsets = new long[blocks + 1];
        for (int b = 0; b < blocks; b++) {
            offsets[b + 1] = offsets[b] + pairsIn(blockLength[b]);
        }
        if (offsets[blocks] > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("blocking would produce " + offsets[blocks]
                    + " pairs, more than an array holds: lower maxBlockSize (now " + maxBlockSize + ")");
        }
        long[] pairs = new long[(int) offsets[blocks]];
        int[] starts = blockStart;
        int[] lengths = blockLength;
        IntStream.range(0, blocks).parallel().forEach(b -> {
            int at = (int) offsets[b];
            int start = starts[b];
            int end = start + lengths[b];
            for (int i = start; i < end; i++) {
                int left = (int) (entries[i] & indexMask);
                for (int j = i + 1; j < end; j++) {
                    // Within a run the indexes ascend; equal ones (one record, two keys hashed alike) pair with nothing.
                    pairs[at++] = pair(left, (int) (entries[j] & indexMask));
                }
            }
        });
        Arrays.parallelSort(pairs);
        int distinct = 0;
        for (int i = 0; i < pairs.length; i++) {
            long pair = pairs[i];
            if (left(pair) != right(pair) && (distinct == 0 || pairs[distinct - 1] != pair)) {
                pairs[distinct++] = pair;
            }
        }
        progress.finish();
        return new Blocking(Arrays.copyOf(pairs, distinct), blocks, oversized, oversizedPairs);
    }

    static final int CHUNK = 1 << 14;

    static int chunks(long items) {
        return (int) ((items + CHUNK - 1) / CHUNK);
    }

    private static long pairsIn(long blockLength) {
        return blockLength * (blockLength - 1) / 2;
    }

    /** FNV-1a over the UTF-16 units, then a 64-bit finalizer so that the high bits mix all of the key. */
    static long hash(String key) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < key.length(); i++) {
            h ^= key.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
