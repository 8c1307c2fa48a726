package io.yunying.community.moderation;

/**
 * 64-bit SimHash over character bigrams of the normalised text: near-duplicate posts (a word changed,
 * punctuation or spacing shuffled) land a few bits apart, where an exact hash would differ entirely.
 */
public final class SimHash {

    private SimHash() {
    }

    public static long of(String text) {
        Normaliser.Normalised n = Normaliser.normalise(text);
        int[] weights = new int[64];
        char[] c = n.chars();
        int features = Math.max(0, n.length() - 1);
        for (int i = 0; i < features; i++) {
            long h = mix(((long) c[i] << 16) | c[i + 1]);
            for (int bit = 0; bit < 64; bit++) {
                weights[bit] += ((h >>> bit) & 1) == 1 ? 1 : -1;
            }
        }
        if (features == 0 && n.length() == 1) {
            return mix(c[0]);
        }
        long hash = 0;
        for (int bit = 0; bit < 64; bit++) {
            if (weights[bit] > 0) {
                hash |= 1L << bit;
            }
        }
        return hash;
    }

    public static int distance(long a, long b) {
        return Long.bitCount(a ^ b);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
