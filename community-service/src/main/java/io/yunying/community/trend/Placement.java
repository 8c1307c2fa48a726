package io.yunying.community.trend;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies guidance to a computed list: blocked topics are removed, pinned topics take their positions, and
 * the review gate holds every unapproved topic that ranks 1..N by score (among topics not blocked) until an
 * operator approves it; below rank N the list is open. Applied when a list is read, so guidance takes effect
 * at once, not at the next recompute.
 */
public final class Placement {

    public enum Status { SHOWN, PINNED, HELD, BLOCKED, BELOW }

    /** One topic of the operators' view: where it ranks by score, where (if) the public sees it, and why. */
    public record Placed(String topic, Integer rank, Integer publicPosition, Status status, TrendRepository.Entry entry,
                         TopicGuidance guidance) {
    }

    /** Guidance of all topics and the aliases of each canonical topic. */
    public record State(Map<String, TopicGuidance> guidance, Map<String, List<String>> aliases) {
        TopicGuidance of(String topic) {
            return guidance.get(topic);
        }
    }

    private Placement() {
    }

    /**
     * @param entries  the computed list, best first
     * @param limit    how many public positions to fill
     * @param gateRank unapproved topics ranked 1..gateRank are held (0: no gate)
     * @return every entry considered and every active pin, in public order first, then the rest by rank
     */
    public static List<Placed> place(List<TrendRepository.Entry> entries, State state, int limit, int gateRank, Instant now) {
        List<TopicGuidance> pins = state.guidance().values().stream().filter(g -> g.pinnedAt(now))
                .sorted(Comparator.comparingInt((TopicGuidance g) -> g.pinPosition).thenComparing(g -> g.updatedAt, Comparator.reverseOrder()))
                .toList();
        Map<String, TrendRepository.Entry> byTopic = new LinkedHashMap<>();
        entries.forEach(e -> byTopic.putIfAbsent(e.topic(), e));
        Set<String> pinned = new HashSet<>();
        pins.forEach(p -> pinned.add(p.topic));

        List<Placed> shown = new ArrayList<>();
        List<Placed> rest = new ArrayList<>();
        int pinIndex = 0;
        int position = 1;
        int rank = 0;
        for (TrendRepository.Entry e : entries) {
            TopicGuidance g = state.of(e.topic());
            if (pinned.contains(e.topic())) {
                continue;
            }
            if (g != null && g.blocked) {
                rest.add(new Placed(e.topic(), e.position(), null, Status.BLOCKED, e, g));
                continue;
            }
            rank++;
            // pins whose position has come take it before the next computed topic
            while (pinIndex < pins.size() && pins.get(pinIndex).pinPosition <= position && position <= limit) {
                TopicGuidance p = pins.get(pinIndex++);
                shown.add(new Placed(p.topic, rankOf(byTopic, p.topic), position++, Status.PINNED, byTopic.get(p.topic), p));
            }
            boolean approved = g != null && g.approved;
            if (position > limit) {
                rest.add(new Placed(e.topic(), e.position(), null, Status.BELOW, e, g));
            } else if (!approved && rank <= gateRank) {
                rest.add(new Placed(e.topic(), e.position(), null, Status.HELD, e, g));
            } else {
                shown.add(new Placed(e.topic(), e.position(), position++, Status.SHOWN, e, g));
            }
        }
        // pins beyond the end of a short list close it, in their order
        while (pinIndex < pins.size() && position <= limit) {
            TopicGuidance p = pins.get(pinIndex++);
            shown.add(new Placed(p.topic, rankOf(byTopic, p.topic), position++, Status.PINNED, byTopic.get(p.topic), p));
        }
        List<Placed> all = new ArrayList<>(shown);
        all.addAll(rest);
        return all;
    }

    private static Integer rankOf(Map<String, TrendRepository.Entry> byTopic, String topic) {
        TrendRepository.Entry e = byTopic.get(topic);
        return e == null ? null : e.position();
    }
}
