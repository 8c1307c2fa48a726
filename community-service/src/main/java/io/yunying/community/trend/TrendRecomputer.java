package io.yunying.community.trend;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.yunying.community.emerging.EmergingService;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Recomputes the lists every replica serves, in two jobs that never wait for each other:
 * <ul>
 *   <li><b>rising</b> (every {@code recompute-every}): re-scores only the topics whose distinct users changed since
 *   the last run (drained from {@code topic_touch}), so a burst is in the list at the next tick however many
 *   topics exist; every {@code slow-every} it re-scores every topic of the window instead (baselines moved);</li>
 *   <li><b>slow</b> (every {@code slow-every}): roll-up, retention, baselines, the hot lists and emerging phrases.</li>
 * </ul>
 * Each runs in its own transaction under its own advisory lock, so with N replicas each job runs once at a time.
 * A failed run rolls back whole: the previous lists stay, and drained touches come back for the next run.
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
    /** When this replica last re-scored every topic; a run by another replica is not known here, which costs at most one extra full run. */
    private volatile Instant lastFull;

    public TrendRecomputer(Pool pool, TrendRepository trends, EmergingService emerging, TrendingService trending,
                           TrendConfig config, Clock clock) {
        this.pool = pool;
        this.trends = trends;
        this.emerging = emerging;
        this.trending = trending;
        this.config = config;
        this.clock = clock;
    }

    /** Both jobs now, the slow one first, with every topic re-scored (operators' "recompute now", tests). */
    public Uni<Run> recompute(boolean everything) {
        if (!everything) {
            return rising(false);
        }
        return slow().chain(slow -> rising(true).map(rising -> {
            Map<String, Integer> lists = new LinkedHashMap<>(rising.lists());
            lists.putAll(slow.lists());
            return new Run(rising.computed(), rising.at(), lists);
        }));
    }

    /** The rising list; {@code full} re-scores every topic of the window, otherwise only the touched ones (unless a full run is due). */
    public Uni<Run> rising(boolean full) {
        Instant now = clock.instant();
        Instant last = lastFull;
        boolean all = full || last == null || !last.plus(config.slowEvery()).isAfter(now) || last.isAfter(now);
        double halfLife = config.rising().halfLife().toMillis() / 1000.0;
        Instant windowStart = windowStart(now, config.rising().window());
        return pool.withTransaction(c -> trends.tryLock(c, TrendRepository.RISING_LOCK).chain(locked -> {
            if (!locked) {
                return Uni.createFrom().item(new Run(false, now, Map.of()));
            }
            return trends.observeRising(c, all, now, windowStart, config.minUsers(), config.rising().minExpected())
                    .chain(() -> trends.updateRising(c, all, now, halfLife, config.rising().dropBelow()))
                    .chain(() -> trends.writeRisingList(c, now, windowStart, halfLife, config.listSize(), config.minUsers(),
                            config.rising().minExpected()))
                    .map(n -> new Run(true, now, Map.of(TrendList.RISING.key(), n)));
        })).call(run -> {
            if (run.computed() && all) {
                lastFull = now;
            }
            return run.computed() ? trending.refresh() : Uni.createFrom().voidItem();
        });
    }

    /** Roll-up, retention, baselines, hot lists and emerging phrases. */
    public Uni<Run> slow() {
        Instant now = clock.instant();
        return pool.withTransaction(c -> trends.tryLock(c, TrendRepository.SLOW_LOCK).chain(locked -> {
            if (!locked) {
                return Uni.createFrom().item(new Run(false, now, Map.of()));
            }
            Map<String, Integer> written = new LinkedHashMap<>();
            return slowPreparation(c, now)
                    .chain(() -> slowLists(c, now, written))
                    .map(x -> new Run(true, now, written));
        })).call(run -> {
            if (run.computed()) {
                // the baselines moved: the next rising run re-scores every topic against them
                lastFull = null;
                return trending.refresh();
            }
            return Uni.createFrom().voidItem();
        });
    }

    /**
     * The start of a window ending now, moved back to the start of its bucket: a window covers every bucket it
     * overlaps, so a signal counts for the whole window length after it, never less (with a one-bucket window, a
     * signal late in a bucket would otherwise drop out within seconds).
     */
    Instant windowStart(Instant now, Duration window) {
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
