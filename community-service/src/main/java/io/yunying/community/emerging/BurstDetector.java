package io.yunying.community.emerging;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Finds the phrases whose use bursts against their own baseline.
 * <ul>
 *   <li>observed: distinct authors who used the phrase in the current window;</li>
 *   <li>expected: the phrase's authors per bucket over the baseline period, scaled to one window;</li>
 *   <li>score = (observed − expected) / √(expected + 1), a Poisson z-score with one pseudo-count, so an
 *       unseen phrase is not infinitely surprising;</li>
 *   <li>kept when observed ≥ min support and score ≥ min score;</li>
 *   <li>a kept phrase contained in a longer kept phrase is dropped when the longer one has at least
 *       {@code containment} × its authors: "淄博烧" is only ever part of "淄博烧烤".</li>
 * </ul>
 */
public final class BurstDetector {

    public record Burst(String phrase, long observed, double expected, double score) {
    }

    private final int minSupport;
    private final double minScore;
    private final double containment;

    public BurstDetector(int minSupport, double minScore, double containment) {
        this.minSupport = minSupport;
        this.minScore = minScore;
        this.containment = containment;
    }

    /**
     * @param observed          distinct authors per phrase in the window
     * @param baselineAuthors   authors per bucket summed over the baseline period, per phrase (absent: never seen)
     * @param windowsInBaseline how many windows the baseline period spans
     */
    public List<Burst> detect(Map<String, Long> observed, Map<String, Long> baselineAuthors, double windowsInBaseline, int limit) {
        List<Burst> bursts = new ArrayList<>();
        observed.forEach((phrase, count) -> {
            if (count < minSupport) {
                return;
            }
            double expected = baselineAuthors.getOrDefault(phrase, 0L) / windowsInBaseline;
            double score = (count - expected) / Math.sqrt(expected + 1);
            if (score >= minScore) {
                bursts.add(new Burst(phrase, count, expected, score));
            }
        });
        // longest first, so every phrase meets the longer phrases that could contain it before it is kept
        bursts.sort(Comparator.comparingInt((Burst b) -> b.phrase().length()).reversed().thenComparing(Burst::phrase));
        List<Burst> kept = new ArrayList<>();
        for (Burst b : bursts) {
            boolean inside = kept.stream().anyMatch(longer -> longer.phrase().length() > b.phrase().length()
                    && longer.phrase().contains(b.phrase()) && longer.observed() >= containment * b.observed());
            if (!inside) {
                kept.add(b);
            }
        }
        kept.sort(Comparator.comparingDouble(Burst::score).reversed().thenComparing(Burst::phrase));
        return kept.size() > limit ? kept.subList(0, limit) : kept;
    }
}
