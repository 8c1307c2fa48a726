package io.yunying.content.engagement;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.yunying.content.support.Db.args;

/**
 * Engagement intake. A batch is one statement: events already seen (by event id) are dropped, the rest
 * are summed per item into the counters (one row per item, never one per view), and the per-tag totals go
 * to the outbox for community-service's hot topics.
 */
@ApplicationScoped
public class EngagementService {

    private static final String INGEST = """
            with incoming as (
                select distinct on (e.id) e.id, e.item_id, e.kind, coalesce(e.value, 1) as value
                from jsonb_to_recordset($1::jsonb) as e(id uuid, item_id uuid, kind text, value bigint)
            ), fresh as (
                insert into engagement_seen (event_id, received_at) select id, $2 from incoming
                on conflict do nothing returning event_id
            ), agg as (
                select i.item_id,
                       count(*) filter (where i.kind = 'VIEW') as views,
                       count(*) filter (where i.kind = 'LIKE') - count(*) filter (where i.kind = 'UNLIKE') as likes,
                       coalesce(sum(i.value) filter (where i.kind = 'COMMENT'), 0) as comments,
                       count(*) filter (where i.kind = 'SHARE') as shares,
                       coalesce(sum(i.value) filter (where i.kind = 'READ_TIME'), 0) as read_seconds
                from incoming i join fresh f on f.event_id = i.id
                where exists (select 1 from published_content p where p.id = i.item_id)
                group by i.item_id
            ), counted as (
                insert into content_stats as s (item_id, views, likes, comments, shares, read_seconds)
                select item_id, views, greatest(likes, 0), greatest(comments, 0), shares, read_seconds from agg
                on conflict (item_id) do update set views = s.views + excluded.views,
                    likes = greatest(s.likes + (select a.likes from agg a where a.item_id = excluded.item_id), 0),
                    comments = greatest(s.comments + (select a.comments from agg a where a.item_id = excluded.item_id), 0),
                    shares = s.shares + excluded.shares, read_seconds = s.read_seconds + excluded.read_seconds
                returning item_id
            ), by_tag as (
                select tag, sum(a.views) as views, sum(a.likes) as likes, sum(a.comments) as comments, sum(a.shares) as shares
                from agg a join published_content p on p.id = a.item_id, unnest(p.tags) as tag
                group by tag
            ), forwarded as (
                insert into outbox_event (id, type, occurred_at, source, data)
                select gen_random_uuid(), 'content.tag-engagement', $2, 'content-service',
                       jsonb_build_object('tags', jsonb_agg(jsonb_build_object('tag', tag, 'views', views, 'likes', likes,
                                                                               'comments', comments, 'shares', shares) order by tag))
                from by_tag having count(*) > 0
                returning id
            )
            select (select count(*) from incoming) as received, (select count(*) from fresh) as fresh,
                   (select count(*) from counted) as items""";

    private final Pool pool;
    private final Clock clock;

    public EngagementService(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    public record Result(long received, long accepted, long duplicates, long items) {
    }

    public Uni<Result> ingest(List<EngagementRequest.Event> events) {
        JsonArray batch = new JsonArray();
        for (EngagementRequest.Event e : events) {
            batch.add(new JsonObject().put("id", e.id().toString()).put("item_id", e.itemId().toString())
                    .put("kind", e.kind().name()).put("value", e.value()));
        }
        return pool.withTransaction(db -> db.preparedQuery(INGEST).execute(args(batch, clock.instant())))
                .map(rows -> {
                    var r = rows.iterator().next();
                    long fresh = r.getLong("fresh");
                    return new Result(events.size(), fresh, events.size() - fresh, r.getLong("items"));
                });
    }

    /** Event ids are remembered long enough to cover app retries; older ones are forgotten in one statement. */
    public Uni<Integer> forgetOlderThan(Duration age) {
        return pool.preparedQuery("delete from engagement_seen where received_at < $1")
                .execute(args(clock.instant().minus(age))).map(rows -> rows.rowCount());
    }
}
