package io.yunying.community.trend;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.yunying.platform.http.CachedAnswers;
import io.yunying.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Serves the computed lists with guidance applied: the public list (a snapshot per window in each replica, swapped
 * whole when refreshed, rendered once per snapshot and limit, with its ETag), the operators' view (scores,
 * sparklines, reasons) and the review gate's queue.
 */
@ApplicationScoped
public class TrendingService {

    public record PublicItem(int position, String topic, long users, boolean pinned) {
    }

    public record PublicList(String window, Instant computedAt, List<PublicItem> items) {
    }


    public record Reason(String code, String detail) {
    }

    public record OpsItem(String topic, Integer rank, Integer publicPosition, Placement.Status status, double score, long users,
                          Double expected, Double risingRatio, boolean approved, Integer pinPosition, Instant pinnedUntil,
                          List<String> aliases, List<Reason> reasons, List<TrendRepository.Point> sparkline) {
    }

    public record OpsList(String window, Instant computedAt, int gateRank, List<OpsItem> items) {
    }

    public record HeldTopic(String topic, String window, int rank, double score, long users) {
    }

    public record Phrase(int position, String phrase, double score, long authors, double expected) {
    }

    public record EmergingList(Instant computedAt, List<Phrase> items) {
    }

    private final Pool pool;
    private final TrendRepository trends;
    private final TrendConfig config;
    private final ObjectMapper json;
    private final Clock clock;
    private static final List<TrendList> PUBLIC_LISTS = List.of(TrendList.RISING, TrendList.HOT_1H, TrendList.HOT_24H, TrendList.HOT_7D);

    private final AtomicReferenceArray<Snapshot> snapshots = new AtomicReferenceArray<>(TrendList.values().length);
    private final AtomicLong generations = new AtomicLong();

    public TrendingService(Pool pool, TrendRepository trends, TrendConfig config, ObjectMapper json, Clock clock) {
        this.pool = pool;
        this.trends = trends;
        this.config = config;
        this.json = json;
        this.clock = clock;
    }

    /**
     * The public list as the exact bytes served, from this replica's latest snapshot: no database, no lock, no
     * waiting for a recompute. Each limit is serialised once per snapshot, by the first request that asks for it.
     * Only before the first snapshot of a list exists does a request read the database.
     */
    public Uni<CachedAnswers.Answer> publicList(String window, Integer requestedLimit) {
        TrendList list = TrendList.topicList(window);
        int limit = limit(requestedLimit);
        Snapshot snapshot = snapshots.get(list.ordinal());
        if (snapshot != null) {
            return Uni.createFrom().item(snapshot.rendered(limit));
        }
        return refresh(List.of(list)).map(x -> snapshots.get(list.ordinal()).rendered(limit));
    }

    /**
     * The public list from this replica's snapshot when there is one and the parameters are plain, for the route
     * that answers ahead of the REST layer; null sends the request on to {@link #publicList}, which answers
     * everything else (the first request, a bad window or limit) as always.
     */
    public CachedAnswers.Answer snapshotList(String window, String requestedLimit) {
        TrendList list = null;
        for (TrendList candidate : PUBLIC_LISTS) {
            if (window == null ? candidate == TrendList.RISING : candidate.key().equals(window)) {
                list = candidate;
            }
        }
        int limit;
        try {
            limit = requestedLimit == null ? config.publicList().defaultLimit() : Integer.parseInt(requestedLimit);
        } catch (NumberFormatException e) {
            return null;
        }
        if (list == null || limit < 1 || limit > config.publicList().maxLimit()) {
            return null;
        }
        Snapshot snapshot = snapshots.get(list.ordinal());
        return snapshot == null ? null : snapshot.rendered(limit);
    }

    /** The public lists of every window, read afresh and swapped in whole (after a recompute, a guidance change, and on a timer). */
    public Uni<Void> refresh() {
        return refresh(PUBLIC_LISTS);
    }

    private Uni<Void> refresh(List<TrendList> lists) {
        long generation = generations.incrementAndGet();
        Instant now = clock.instant();
        return trends.computedAt(pool).chain(times -> trends.guidance(pool).chain(state -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (TrendList list : lists) {
                chain = chain.chain(() -> trends.entries(pool, list, config.listSize())).invoke(entries -> install(new Snapshot(
                        generation, list, times.get(list.key()),
                        Placement.place(entries, state, config.publicList().maxLimit(), config.gate().rank(), now)))).replaceWithVoid();
            }
            return chain;
        }));
    }

    /** A refresh that started earlier never replaces one that started later. */
    private void install(Snapshot fresh) {
        Snapshot current;
        do {
            current = snapshots.get(fresh.list.ordinal());
            if (current != null && current.generation > fresh.generation) {
                return;
            }
        } while (!snapshots.compareAndSet(fresh.list.ordinal(), current, fresh));
    }

    /** One window's public list as placed at a refresh, with its renderings per limit filled on demand. */
    private final class Snapshot {
        final long generation;
        final TrendList list;
        final Instant computedAt;
        final List<PublicItem> items;
        final AtomicReferenceArray<CachedAnswers.Answer> byLimit;

        Snapshot(long generation, TrendList list, Instant computedAt, List<Placement.Placed> placed) {
            this.generation = generation;
            this.list = list;
            this.computedAt = computedAt;
            List<PublicItem> shown = new ArrayList<>();
            for (Placement.Placed p : placed) {
                if (p.publicPosition() != null) {
                    shown.add(new PublicItem(p.publicPosition(), p.topic(), p.entry() == null ? 0 : p.entry().users(),
                            p.status() == Placement.Status.PINNED));
                }
            }
            this.items = List.copyOf(shown);
            this.byLimit = new AtomicReferenceArray<>(config.publicList().maxLimit() + 1);
        }

        CachedAnswers.Answer rendered(int limit) {
            CachedAnswers.Answer r = byLimit.get(limit);
            if (r == null) {
                byte[] body = serialize(new PublicList(list.key(), computedAt, items.size() > limit ? items.subList(0, limit) : items));
                r = CachedAnswers.Answer.of(body);
                byLimit.compareAndSet(limit, null, r);
            }
            return r;
        }
    }

    public Uni<OpsList> opsView(String window, Integer requestedLimit, boolean withSparklines) {
        TrendList list = TrendList.topicList(window);
        int limit = requestedLimit == null ? 50 : requestedLimit;
        if (limit < 1 || limit > config.listSize()) {
            throw ProblemException.invalid("limit", "between 1 and " + config.listSize());
        }
        Instant now = clock.instant();
        return assemble(list, config.publicList().maxLimit()).chain(placed -> {
            List<Placement.Placed> shown = placed.placed().size() > limit ? placed.placed().subList(0, limit) : placed.placed();
            List<String> topics = shown.stream().map(Placement.Placed::topic).toList();
            Duration span = list.window() == null ? Duration.ofHours(1) : list.window();
            long step = span.compareTo(Duration.ofHours(1)) <= 0 ? 300 : span.compareTo(Duration.ofDays(1)) <= 0 ? 3600 : 6 * 3600;
            Uni<Map<String, List<TrendRepository.Point>>> lines = withSparklines
                    ? trends.sparklines(pool, topics, now.minus(span), now, step)
                    : Uni.createFrom().item(Map.of());
            return lines.map(sparklines -> {
                List<OpsItem> items = new ArrayList<>(shown.size());
                for (Placement.Placed p : shown) {
                    items.add(opsItem(list, p, placed.state(), sparklines.getOrDefault(p.topic(), List.of())));
                }
                return new OpsList(list.key(), placed.computedAt(), config.gate().rank(), items);
            });
        });
    }

    /** Topics the review gate holds out of any list's top positions, waiting for an operator's approval. */
    public Uni<List<HeldTopic>> held() {
        List<TrendList> lists = List.of(TrendList.RISING, TrendList.HOT_1H, TrendList.HOT_24H, TrendList.HOT_7D);
        List<HeldTopic> held = new ArrayList<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (TrendList list : lists) {
            chain = chain.chain(() -> assemble(list, config.publicList().maxLimit())).invoke(placed -> placed.placed().stream()
                    .filter(p -> p.status() == Placement.Status.HELD)
                    .filter(p -> held.stream().noneMatch(h -> h.topic().equals(p.topic())))
                    .forEach(p -> held.add(new HeldTopic(p.topic(), list.key(), p.rank(), p.entry().score(), p.entry().users()))))
                    .replaceWithVoid();
        }
        return chain.replaceWith(held);
    }

    public Uni<EmergingList> emerging(Integer requestedLimit) {
        int limit = requestedLimit == null ? 50 : requestedLimit;
        if (limit < 1 || limit > config.listSize()) {
            throw ProblemException.invalid("limit", "between 1 and " + config.listSize());
        }
        return trends.computedAt(pool, TrendList.EMERGING).chain(at -> trends.entries(pool, TrendList.EMERGING, limit)
                .map(entries -> new EmergingList(at, entries.stream()
                        .map(e -> new Phrase(e.position(), e.topic(), e.score(), e.users(), e.expected() == null ? 0 : e.expected()))
                        .toList())));
    }

    private record Assembled(Instant computedAt, List<Placement.Placed> placed, Placement.State state) {
    }

    private Uni<Assembled> assemble(TrendList list, int limit) {
        Instant now = clock.instant();
        return trends.computedAt(pool, list).chain(at -> trends.entries(pool, list, config.listSize())
                .chain(entries -> trends.guidance(pool).map(state ->
                        new Assembled(at, Placement.place(entries, state, limit, config.gate().rank(), now), state))));
    }

    private OpsItem opsItem(TrendList list, Placement.Placed p, Placement.State state, List<TrendRepository.Point> sparkline) {
        TrendRepository.Entry e = p.entry();
        TopicGuidance g = p.guidance();
        List<String> aliases = state.aliases().getOrDefault(p.topic(), List.of());
        Double ratio = e != null && e.expected() != null && e.expected() > 0 ? e.users() / e.expected() : null;
        List<Reason> reasons = new ArrayList<>();
        if (e != null) {
            if (list == TrendList.RISING) {
                reasons.add(new Reason("rising", e.expected() == null
                        ? String.format(Locale.ROOT, "burst over; score %.1f decaying with a %s half-life", e.score(), human(config.rising().halfLife()))
                        : String.format(Locale.ROOT, "%d users in the last %s vs %.1f expected (%.1f×)", e.users(),
                        human(config.rising().window()), e.expected(), ratio)));
            } else {
                reasons.add(new Reason("hot", String.format(Locale.ROOT, "%d distinct users in %s, score %.1f", e.users(), list.key(), e.score())));
            }
        }
        switch (p.status()) {
            case PINNED -> reasons.add(new Reason("pinned", "pinned at " + g.pinPosition + " until " + g.pinnedUntil + " by " + g.updatedBy));
            case BLOCKED -> reasons.add(new Reason("blocked", "blocked by " + g.updatedBy + " at " + g.updatedAt));
            case HELD -> reasons.add(new Reason("gate", "not yet approved and ranking within the top " + config.gate().rank() + ": held until an operator approves it"));
            case BELOW -> reasons.add(new Reason("below", "below the public list's last position"));
            case SHOWN -> {
                if (g != null && g.approved && p.publicPosition() <= config.gate().rank()) {
                    reasons.add(new Reason("approved", "approved past the review gate"));
                }
            }
        }
        if (!aliases.isEmpty()) {
            reasons.add(new Reason("merged", "counts the signals of " + String.join(", ", aliases)));
        }
        return new OpsItem(p.topic(), p.rank(), p.publicPosition(), p.status(), e == null ? 0 : e.score(), e == null ? 0 : e.users(),
                e == null ? null : e.expected(), ratio, g != null && g.approved, g == null ? null : g.pinPosition,
                g == null ? null : g.pinnedUntil, aliases, reasons, sparkline);
    }

    private static String human(Duration d) {
        return d.toMinutes() % 60 == 0 ? d.toHours() + " h" : d.toMinutes() + " min";
    }

    private int limit(Integer requested) {
        if (requested == null) {
            return config.publicList().defaultLimit();
        }
        if (requested < 1 || requested > config.publicList().maxLimit()) {
            throw ProblemException.invalid("limit", "between 1 and " + config.publicList().maxLimit());
        }
        return requested;
    }

    private byte[] serialize(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
