package io.yunying.community.emerging;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BurstDetectorTest {

    private static final int WINDOWS = 24;
    private static final int POSTS_PER_WINDOW = 300;
    private static final int AUTHORS = 2000;

    /** Distinct authors per phrase for a window of generated posts; the first ones carry the planted phrases. */
    private static Map<String, Long> window(Corpus corpus, int firstPlanted, String first, int secondPlanted, String second) {
        Map<String, Set<Integer>> authors = new HashMap<>();
        for (int i = 0; i < POSTS_PER_WINDOW; i++) {
            int author = corpus.nextInt(AUTHORS);
            String text = i < firstPlanted ? corpus.post(first) : i < firstPlanted + secondPlanted ? corpus.post(second) : corpus.post();
            for (String phrase : Phrases.of(text)) {
                authors.computeIfAbsent(phrase, k -> new HashSet<>()).add(author);
            }
        }
        Map<String, Long> counts = new HashMap<>();
        authors.forEach((phrase, set) -> counts.put(phrase, (long) set.size()));
        return counts;
    }

    @Test
    void aPlantedBurstSurfacesAsItsLongestPhraseAndEverydayWordsDoNot() {
        Corpus corpus = new Corpus(20261122);
        Map<String, Long> baseline = new HashMap<>();
        for (int w = 0; w < WINDOWS; w++) {
            window(corpus, 0, null, 0, null).forEach((phrase, n) -> baseline.merge(phrase, n, Long::sum));
        }
        // now: 25 of 300 posts talk about 淄博烧烤, 12 about a citywalk, nobody tagged either
        Map<String, Long> now = window(corpus, 25, "淄博烧烤", 12, "citywalk");

        List<BurstDetector.Burst> bursts = new BurstDetector(5, 4.0, 0.8).detect(now, baseline, WINDOWS, 50);
        List<String> phrases = bursts.stream().map(BurstDetector.Burst::phrase).toList();

        assertEquals("淄博烧烤", phrases.get(0), () -> "found " + bursts);
        assertTrue(phrases.contains("citywalk"), () -> "found " + bursts);
        // the parts of the phrase are only ever inside it: dropped
        for (String part : List.of("淄博", "博烧", "烧烤", "淄博烧", "博烧烤")) {
            assertFalse(phrases.contains(part), part + " should be dropped inside 淄博烧烤: " + phrases);
        }
        // the everyday vocabulary is as common now as in the baseline: nothing else bursts
        assertTrue(phrases.stream().allMatch(p -> p.contains("淄") || p.contains("博") || p.contains("烧") || p.contains("烤")
                || p.equals("citywalk")), () -> "unexpected bursts " + phrases);
    }

    @Test
    void aPhraseAsCommonAsItsBaselineIsNoBurstAndSupportIsRequired() {
        Map<String, Long> baseline = Map.of("早餐", 24L * 40);
        Map<String, Long> now = Map.of("早餐", 42L, "新梗", 2L);
        assertTrue(new BurstDetector(5, 4.0, 0.8).detect(now, baseline, 24, 50).isEmpty());
    }

    @Test
    void aShorterPhraseUsedMostlyOnItsOwnStays() {
        // "烧烤" bursts on its own far more than inside "淄博烧烤": both are news
        Map<String, Long> now = Map.of("淄博烧烤", 10L, "烧烤", 40L);
        List<String> phrases = new BurstDetector(5, 4.0, 0.8).detect(now, Map.of(), 24, 50).stream()
                .map(BurstDetector.Burst::phrase).toList();
        assertEquals(List.of("烧烤", "淄博烧烤"), phrases);
    }

    @Test
    void phrasesAreHanGramsAndEnglishWordsWithoutStopWords() {
        Set<String> phrases = Phrases.of("我们在淄博吃烧烤, the CityWalk was great!");
        assertTrue(phrases.containsAll(List.of("淄博", "烧烤", "citywalk", "great")), phrases::toString);
        assertFalse(phrases.contains("我们"), phrases::toString);
        assertFalse(phrases.contains("the"), phrases::toString);
        // never across punctuation, never starting or ending with a function character
        assertFalse(phrases.contains("在淄"), phrases::toString);
        assertFalse(phrases.stream().anyMatch(p -> p.contains(",")), phrases::toString);
    }
}
