package io.yunying.content.feed;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.yunying.content.support.ContentConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import org.jboss.logging.Logger;

import java.time.Clock;

import static io.yunying.content.support.Db.args;

/**
 * The feed ranking, recomputed in one statement for all live items (never per request):
 * <pre>
 *   points = 1 + views/10 + likes + 2·comments + 3·shares + readSeconds/120
 *   score  = points / (ageHours + 2)^gravity        (gravity 1.8 by default)
 *   score  = 0 once the item is older than the cut-off (7 days by default): it then ranks by recency only
 * </pre>
 * Only rows whose score moved are written, so a quiet feed costs almost nothing to re-rank.
 */
@ApplicationScoped
public class Ranking {

    private static final Logger LOG = Logger.getLogger(Ranking.class);

    /** Only rows whose score moves, or whose previous score still differs from the current one, are written. */
    private static final String RECOMPUTE = """
            update published_content p set prev_score = p.score, score = r.score
            from (
                select p2.id,
                       case when p2.published_at <= $1::timestamptz - make_interval(secs => $3) then 0
                            else (1 + coalesce(s.views, 0) / 10.0 + coalesce(s.likes, 0) + 2 * coalesce(s.comments, 0)
                                    + 3 * coalesce(s.shares, 0) + coalesce(s.read_seconds, 0) / 120.0)
                                 / power(greatest(extract(epoch from ($1::timestamptz - p2.published_at)) / 3600.0, 0) + 2, $2)
                       end as score
                from published_content p2 left join content_stats s on s.item_id = p2.id
            ) r
            where r.id = p.id and (p.score is distinct from r.score or p.prev_score is distinct from p.score)""";

    /** Opens the next generation; with {@code $2} set, only when the last run is at least that many seconds old. */
    private static final String NEXT_GENERATION = """
            update ranking_state set generation = generation + 1, computed_at = $1
            where $2::float8 is null or computed_at is null or computed_at <= $1::timestamptz - make_interval(secs => $2)
            returning generation""";

    private final Pool pool;
    private final ContentConfig config;
    private final Clock clock;

    private final Event<FeedChanged> changed;

    public Ranking(Pool pool, ContentConfig config, Clock clock, Event<FeedChanged> changed) {
        this.pool = pool;
        this.config = config;
        this.clock = clock;
        this.changed = changed;
    }

    /** Recomputes now: a new generation; the scores of the one before stay as {@code prev_score}. */
    public Uni<Integer> recompute() {
        return recompute(null);
    }

    /**
     * One generation per run, in one transaction with its scores. Every replica runs the job; the first one in a
     * period opens the generation and the others find it fresh and skip, so two quick runs cannot push a reader's
     * generation out of reach.
     */
    private Uni<Integer> recompute(Double minAgeSeconds) {
        var now = clock.instant();
        return pool.withTransaction(db -> db.preparedQuery(NEXT_GENERATION).execute(args(now, minAgeSeconds))
                        .chain(opened -> opened.size() == 0 ? Uni.createFrom().item(-1)
                                : db.preparedQuery(RECOMPUTE)
                                .execute(args(now, config.ranking().gravity(), (double) config.ranking().cutoff().toSeconds()))
                                .map(rows -> rows.rowCount())))
                .invoke(n -> {
                    if (n >= 0) {
                        changed.fire(new FeedChanged("ranking"));
                    }
                });
    }

    @Scheduled(every = "${content.ranking.every:5m}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return recompute((double) config.ranking().minInterval().toSeconds())
                .invoke(n -> LOG.debugf(n < 0 ? "ranking: another replica ran it just now" : "ranking: %d scores changed", n))
                .onFailure().invoke(e -> LOG.warn("ranking failed; the next run retries", e))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
