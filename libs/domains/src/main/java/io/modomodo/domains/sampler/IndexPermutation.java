package io.modomodo.domains.sampler;

/**
 * A keyed pseudo-random bijection of [0, n), computed in O(1) memory: a four-round Feistel network on the
 * smallest even number of bits that covers n, with cycle walking to stay inside [0, n). Datasets of any
 * size get a fresh order per pass without materialising an index array.
 */
final class IndexPermutation {

    private final long n;
    private final int half;
    private final long mask;
    private final long[] keys = new long[4];

    IndexPermutation(long n, long key) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be positive: " + n);
        }
        this.n = n;
        int bits = n == 1 ? 2 : 64 - Long.numberOfLeadingZeros(n - 1);
        bits += bits & 1;
        this.half = Math.max(1, bits / 2);
        this.mask = (1L << half) - 1;
        long k = key;
        for (int i = 0; i < 4; i++) {
            k = mix(k + 0x9E3779B97F4A7C15L);
            keys[i] = k;
        }
    }

    /** The image of {@code i}, 0 ≤ i &lt; n. */
    long apply(long i) {
        if (i < 0 || i >= n) {
            throw new IndexOutOfBoundsException(i + " outside 0.." + (n - 1));
        }
        long x = i;
        do {
            x = encrypt(x);
        } while (x >= n);
        return x;
    }

    private long encrypt(long x) {
        long left = x >>> half;
        long right = x & mask;
        for (long key : keys) {
            long next = left ^ (mix(right ^ key) & mask);
            left = right;
            right = next;
        }
        return (left << half) | right;
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
