package rhix.synthetic;

import java.util.SplittableRandom;

/**
 * A keyed bijection on {@code [0, size)}: a four-round Feistel network over the smallest even
 * power of two that holds {@code size}, cycle-walked back into range. It lets each person's slot
 * (birth registration, local patient number) be computed from (seed, person key) alone, with no
 * shared state and so no memory that grows with the person count, and still never collide.
 */
final class KeyedPermutation {

    private static final int ROUNDS = 4;

    private final long size;
    private final int halfBits;
    private final long halfMask;
    private final long[] roundKeys = new long[ROUNDS];

    KeyedPermutation(long size, long key) {
        if (size < 1 || size > 1L << 62) {
            throw new IllegalArgumentException("permutation size must be 1..2^62, was " + size);
        }
        int bits = Math.max(2, 64 - Long.numberOfLeadingZeros(size - 1));
        this.size = size;
        this.halfBits = (bits + 1) / 2;
        this.halfMask = (1L << halfBits) - 1;
        SplittableRandom keys = new SplittableRandom(key);
        for (int round = 0; round < ROUNDS; round++) {
            roundKeys[round] = keys.nextLong();
        }
    }

    long size() {
        return size;
    }

    /** The image of {@code index}; distinct indexes always have distinct images. */
    long apply(long index) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("index " + index + " outside 0.." + (size - 1));
        }
        long value = index;
        do {
            // The network permutes the whole power-of-two domain; walking until the value is back
            // in range keeps it a permutation of [0, size). The domain is under 4 * size, so few steps.
            value = encrypt(value);
        } while (value >= size);
        return value;
    }

    private long encrypt(long value) {
        long left = value >>> halfBits;
        long right = value & halfMask;
        for (long roundKey : roundKeys) {
            long next = left ^ (mix(right ^ roundKey) & halfMask);
            left = right;
            right = next;
        }
        return (left << halfBits) | right;
    }

    /** MurmurHash3's 64-bit finaliser: every input bit affects every output bit. */
    static long mix(long value) {
        long z = value;
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
