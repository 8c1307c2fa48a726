package io.yunying.community.trend;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.yunying.community.emerging.EmergingService;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Recomputes the lists every replica serves. Every replica's job calls it; inside one transaction the replica
 * that gets the advisory lock does the work and the others skip, so N replicas compute once. The rising list is
 * recomputed every time (it is what must react in seconds); hot lists, baselines, emerging phrases, roll-up and
 * retention when they are older than the slow cadence. A failed run rolls back whole: the previous lists stay.
 */
@ApplicationScoped
public class TrendRecomputer {

    /** What a run did: whether this replica held the lock, and the entries written per list. */
    public record Run(boolean computed, Instant at, Map<String, Integer> lists) {
    }

    private final Pool pool;
    private final TrendRepository trends;
    private final EmergingService emerging;
    private final TrendingService trending;
    private final TrendConfig config;
    private final Clock clock;

    public TrendRecomputer(Pool pool, TrendRepository trends, EmergingService emerging, TrendingService trending,
                           TrendConfig config, Clock clock) {
        this.pool = pool;
        this.trends = trends;
        this.emerging = emerging;
        this.trending = trending;
        this.config = config;
        this.clock = clock;
    }

    /** @param everything run the slow parts too, whatever their age (operators' "recompute now", tests) */
    public Uni<Run> recompute(boolean everything) {
        Instant now = clock.instant();
        return pool.withTransaction(c -> trends.tryLock(c).chain(locked -> {
            if (!locked) {
                return Uni.createFrom().item(new Run(false, now, Map.of()));
            }
            return trends.computedAt(c).chain(times -> {
                Instant slowDone = times.get(TrendList.HOT_1H.key());
                boolean slow = everything || slowDone == null || !slowDone.plus(config.slowEvery()).isAfter(now)
                        || slowDone.isAfter(now);
                Map<String, Integer> written = new LinkedHashMap<>();
                Uni<Void> before = slow ? slowPreparation(c, now) : Uni.createFrom().voidItem();
                return before
                        .chain(() -> rising(c, now)).invoke(n -> written.put(TrendList.RISING.key(), n))
                        .chain(() -> slow ? slowLists(c, now, written) : Uni.createFrom().voidItem())
                        .map(x -> new Run(true, now, written));
            });
        })).invoke(run -> {
            if (run.computed()) {
                trending.invalidate();
            }
        });
    }

    /**
     * The start of a window ending now, moved back to the start of its bucket: a window covers every bucket it
     * overlaps, so a signal counts for the whole window length after it, never less (with a one-bucket window, a
     * signal late in a bucket would otherwise drop out within seconds).
     */
    Instant windowStart(Instant now, java.time.Duration window) {
        long bucket = config.bucket().toSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(now.minus(window).getEpochSecond(), bucket) * bucket);
    }

    private Uni<Void> slowPreparation(SqlConnection c, Instant now) {
        Instant windowStart = windowStart(now, config.rising().window());
        double windowsPerBaseline = (double) config.rising().baseline().toSeconds() / config.rising().window().toSeconds();
        return trends.rollUp(c, now.minus(config.retention().minutes()))
                .chain(() -> trends.prune(c, now.minus(config.retention().history())))
                .chain(() -> emerging.prune(c, now))
                .chain(() -> trends.refreshBaselines(c, windowStart.minus(config.rising().baseline()), windowStart, windowsPerBaseline));
    }

    private Uni<Integer> rising(SqlConnection c, Instant now) {
        double halfLife = config.rising().halfLife().toMillis() / 1000.0;
        return trends.updateRising(c, now, windowStart(now, config.rising().window()), config.minUsers(), config.rising().minExpected(),
                        halfLife, config.rising().dropBelow())
                .chain(() -> trends.writeRisingList(c, now, halfLife, config.listSize()));
    }

    private Uni<Void> slowLists(SqlConnection c, Instant now, Map<String, Integer> written) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (TrendList list : List.of(TrendList.HOT_1H, TrendList.HOT_24H, TrendList.HOT_7D)) {
            chain = chain.chain(() -> trends.writeHotList(c, list, windowStart(now, list.window()), now, config.minUsers(), config.listSize()))
                    .invoke(n -> written.put(list.key(), n)).replaceWithVoid();
        }
        return chain.chain(() -> emerging.bursts(c, now))
                .chain(bursts -> {
                    List<TrendRepository.Entry> entries = new ArrayList<>(bursts.size());
                    for (int i = 0; i < bursts.size(); i++) {
                        var b = bursts.get(i);
                        entries.add(new TrendRepository.Entry(i + 1, b.phrase(), b.score(), b.observed(), b.expected()));
                    }
                    return trends.writeList(c, TrendList.EMERGING, now, entries);
                })
                .invoke(n -> written.put(TrendList.EMERGING.key(), n)).replaceWithVoid();
    }
}
