package io.yunying.community.moderation;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Aho–Corasick over normalised text: one pass finds every pattern occurrence, whatever the lexicon
 * size. Immutable once built, so any number of threads scan it without locks.
 *
 * <p>Layout chosen for speed on large Chinese lexicons: the root's transitions are a dense 64K array
 * (most characters of a text fail at the root, so that path is one array read); deeper states keep
 * their outgoing edges sorted in one shared array (binary search), which stays small where a full
 * transition table over thousands of ideographs would not.
 */
final class Automaton {

    /** Receives each occurrence: the pattern's index and the normalised range [from, to]. */
    @FunctionalInterface
    interface Sink {
        void hit(int pattern, int from, int to);
    }

    private final int[] rootNext = new int[Character.MAX_VALUE + 1];
    private final int[] edgeStart;
    private final char[] edgeLabel;
    private final int[] edgeTarget;
    private final int[] fail;
    /** First pattern ending at a state, or -1. */
    private final int[] output;
    /** Nearest state on the failure chain that has an output, or 0 for none. */
    private final int[] dictionaryLink;
    /** The state itself when it has an output, else its dictionary link: one read per character decides "nothing ends here". */
    private final int[] emit;
    /** Next pattern ending at the same state (patterns that normalise alike), or -1. */
    private final int[] samePattern;
    private final int[] patternLength;

    Automaton(List<String> patterns) {
        // Build the trie with a hash map of (state, char) → state, then freeze it into sorted edge arrays.
        Map<Long, Integer> trie = new HashMap<>();
        int states = 1;
        int[] depth = new int[16];
        int[] outputGrowing = new int[16];
        Arrays.fill(outputGrowing, -1);
        samePattern = new int[patterns.size()];
        patternLength = new int[patterns.size()];
        for (int p = 0; p < patterns.size(); p++) {
            String pattern = patterns.get(p);
            int state = 0;
            for (int i = 0; i < pattern.length(); i++) {
                long key = ((long) state << 16) | pattern.charAt(i);
                Integer next = trie.get(key);
                if (next == null) {
                    next = states++;
                    if (next >= outputGrowing.length) {
                        int size = outputGrowing.length * 2;
                        outputGrowing = Arrays.copyOf(outputGrowing, size);
                        Arrays.fill(outputGrowing, next, size, -1);
                        depth = Arrays.copyOf(depth, size);
                    }
                    depth[next] = i + 1;
                    trie.put(key, next);
                }
                state = next;
            }
            samePattern[p] = outputGrowing[state];
            outputGrowing[state] = p;
            patternLength[p] = pattern.length();
        }
        output = Arrays.copyOf(outputGrowing, states);
        fail = new int[states];
        dictionaryLink = new int[states];

        long[] keys = new long[trie.size()];
        int e = 0;
        for (long key : trie.keySet()) {
            keys[e++] = key;
        }
        Arrays.sort(keys);
        edgeStart = new int[states + 1];
        edgeLabel = new char[keys.length];
        edgeTarget = new int[keys.length];
        for (int i = 0; i < keys.length; i++) {
            int from = (int) (keys[i] >>> 16);
            edgeLabel[i] = (char) (keys[i] & 0xFFFF);
            edgeTarget[i] = trie.get(keys[i]);
            edgeStart[from + 1]++;
        }
        for (int s = 0; s < states; s++) {
            edgeStart[s + 1] += edgeStart[s];
        }
        for (int i = edgeStart[0]; i < edgeStart[1]; i++) {
            rootNext[edgeLabel[i]] = edgeTarget[i];
        }

        // Breadth-first, so every state's failure target (shallower) is final before it is used.
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int i = edgeStart[0]; i < edgeStart[1]; i++) {
            queue.add(edgeTarget[i]);
        }
        while (!queue.isEmpty()) {
            int state = queue.poll();
            for (int i = edgeStart[state]; i < edgeStart[state + 1]; i++) {
                char c = edgeLabel[i];
                int child = edgeTarget[i];
                int f = fail[state];
                int target;
                while (true) {
                    target = next(f, c);
                    if (target >= 0 || f == 0) {
                        break;
                    }
                    f = fail[f];
                }
                fail[child] = Math.max(target, 0);
                int link = fail[child];
                dictionaryLink[child] = output[link] >= 0 ? link : dictionaryLink[link];
                queue.add(child);
            }
        }
        emit = new int[states];
        for (int state = 1; state < states; state++) {
            emit[state] = output[state] >= 0 ? state : dictionaryLink[state];
        }
    }

    private int next(int state, char c) {
        if (state == 0) {
            return rootNext[c];
        }
        int lo = edgeStart[state];
        int hi = edgeStart[state + 1] - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            char label = edgeLabel[mid];
            if (label < c) {
                lo = mid + 1;
            } else if (label > c) {
                hi = mid - 1;
            } else {
                return edgeTarget[mid];
            }
        }
        return -1;
    }

    void scan(char[] text, int length, Sink sink) {
        int state = 0;
        for (int k = 0; k < length; k++) {
            char c = text[k];
            while (true) {
                if (state == 0) {
                    state = rootNext[c];
                    break;
                }
                int target = next(state, c);
                if (target >= 0) {
                    state = target;
                    break;
                }
                state = fail[state];
            }
            int o = emit[state];
            while (o != 0) {
                for (int p = output[o]; p >= 0; p = samePattern[p]) {
                    sink.hit(p, k - patternLength[p] + 1, k);
                }
                o = dictionaryLink[o];
            }
        }
    }
}
