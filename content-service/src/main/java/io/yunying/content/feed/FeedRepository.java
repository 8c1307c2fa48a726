package io.yunying.content.feed;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.yunying.content.support.Db;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.yunying.content.support.Db.args;

@ApplicationScoped
public class FeedRepository {

    static final String CARD_COLUMNS = """
            p.id, p.type, p.title, p.summary, p.cover_url, p.author, p.category, p.tags, p.published_at, p.score,
            s.views, s.likes, s.comments, s.shares""";

    public record Filter(String category, String tag, String type, String collection) {
    }

    public Uni<FeedDefinition> find(SqlClient db, String key) {
        return findWithoutPins(db, key).chain(feed -> feed == null ? Uni.createFrom().nullItem()
                : pins(db, key).map(pins -> new FeedDefinition(key, feed.title(), feed.category(), feed.tag(), feed.type(),
                        feed.collection(), pins, feed.version())));
    }

    /** The feed's title and filters only: what serving a page needs. */
    public Uni<FeedDefinition> findWithoutPins(SqlClient db, String key) {
        return db.preparedQuery("select * from feed where key = $1").execute(args(key)).map(rows -> {
            if (rows.size() == 0) {
                return null;
            }
            Row f = rows.iterator().next();
            return new FeedDefinition(key, f.getString("title"), f.getString("category"), f.getString("tag"), f.getString("type"),
                    f.getString("collection"), List.of(), f.getLong("version"));
        });
    }

    public Uni<List<FeedDefinition.Pin>> pins(SqlClient db, String key) {
        return db.preparedQuery("select * from pinned_slot where feed_key = $1 order by position").execute(args(key)).map(rows -> {
            List<FeedDefinition.Pin> pins = new ArrayList<>();
            rows.forEach(r -> pins.add(new FeedDefinition.Pin(r.getInteger("position"), r.getUUID("item_id"),
                    Db.instant(r, "starts_at"), Db.instant(r, "ends_at"))));
            return pins;
        });
    }

    public Uni<Void> upsert(SqlClient db, String key, FeedDefinition.Request request, Instant now) {
        return db.preparedQuery("""
                        insert into feed (key, title, category, tag, type, collection, created_at, updated_at)
                        values ($1, $2, $3, $4, $5, $6, $7, $7)
                        on conflict (key) do update set title = excluded.title, category = excluded.category, tag = excluded.tag,
                            type = excluded.type, collection = excluded.collection, updated_at = excluded.updated_at,
                            version = feed.version + 1""")
                .execute(args(key, request.title().strip(), request.category(), request.tag() == null ? null : request.tag().strip().toLowerCase(),
                        request.type() == null ? null : request.type().name(), request.collection(), now))
                .replaceWithVoid();
    }

    /** Replaces the feed's pinned slots in two set-wise statements. */
    public Uni<Void> replacePins(SqlClient db, String key, List<FeedDefinition.Pin> pins, Instant now) {
        Integer[] positions = pins.stream().map(FeedDefinition.Pin::position).toArray(Integer[]::new);
        UUID[] items = pins.stream().map(FeedDefinition.Pin::itemId).toArray(UUID[]::new);
        java.time.OffsetDateTime[] starts = pins.stream().map(p -> p.startsAt() == null ? null
                : java.time.OffsetDateTime.ofInstant(p.startsAt(), java.time.ZoneOffset.UTC)).toArray(java.time.OffsetDateTime[]::new);
        java.time.OffsetDateTime[] ends = pins.stream().map(p -> p.endsAt() == null ? null
                : java.time.OffsetDateTime.ofInstant(p.endsAt(), java.time.ZoneOffset.UTC)).toArray(java.time.OffsetDateTime[]::new);
        return db.preparedQuery("delete from pinned_slot where feed_key = $1").execute(args(key))
                .chain(() -> db.preparedQuery("""
                                insert into pinned_slot (feed_key, position, item_id, starts_at, ends_at)
                                select $1, * from unnest($2::int[], $3::uuid[], $4::timestamptz[], $5::timestamptz[])""")
                        .execute(args(key, positions, items, starts, ends)))
                .chain(() -> db.preparedQuery("update feed set updated_at = $2, version = version + 1 where key = $1").execute(args(key, now)))
                .replaceWithVoid();
    }

    public Uni<Long> countExisting(SqlClient db, UUID[] ids) {
        return db.preparedQuery("select count(*) from content_item where id = any($1::uuid[])").execute(args((Object) ids))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** Pinned slots active at {@code now} whose item is live, by position. */
    public Uni<List<Row>> activePins(SqlClient db, String key, Instant now) {
        return db.preparedQuery("select " + CARD_COLUMNS + "\n" + """
                         from pinned_slot ps join published_content p on p.id = ps.item_id
                         left join content_stats s on s.item_id = p.id
                         where ps.feed_key = $1 and (ps.starts_at is null or ps.starts_at <= $2) and (ps.ends_at is null or ps.ends_at > $2)
                         order by ps.position""")
                .execute(args(key, now))
                .map(FeedRepository::rows);
    }

    /** The ranking generation now in force. */
    public Uni<Long> generation(SqlClient db) {
        return db.query("select generation from ranking_state").execute().map(rows -> rows.iterator().next().getLong(0));
    }

    /**
     * The ranked part of a feed after the keyset {@code (score, publishedAt, id)}, skipping active pins, in the
     * ranking of {@code generation}: the current scores, or with {@code previous} those of the generation before.
     * The statement returns nothing when the generation in force is no longer {@code current} (a run committed in
     * between), so a page never mixes two rankings. Only the filters the feed has are written into the statement,
     * so each shape gets its own plan and index.
     */
    public Uni<List<Row>> ranked(SqlClient db, Filter filter, long current, boolean previous, Double afterScore,
                                 Instant afterPublished, UUID afterId, UUID[] pinned, int limit) {
        String score = previous ? "p.prev_score" : "p.score";
        StringBuilder sql = new StringBuilder("select ").append(CARD_COLUMNS).append(", ").append(score).append(" as rank_score")
                .append(" from published_content p left join content_stats s on s.item_id = p.id")
                .append(" where (select generation from ranking_state) = $1");
        List<Object> params = new ArrayList<>();
        params.add(current);
        if (previous) {
            sql.append(" and p.prev_score is not null");
        }
        if (filter.category() != null) {
            params.add(filter.category());
            sql.append(" and p.category = $").append(params.size());
        }
        if (filter.tag() != null) {
            params.add(new String[]{filter.tag()});
            sql.append(" and p.tags @> $").append(params.size()).append("::text[]");
        }
        if (filter.type() != null) {
            params.add(filter.type());
            sql.append(" and p.type = $").append(params.size());
        }
        if (filter.collection() != null) {
            params.add(filter.collection());
            sql.append(" and exists (select 1 from collection_item ci join collection c on c.id = ci.collection_id")
                    .append(" where c.slug = $").append(params.size()).append(" and ci.item_id = p.id)");
        }
        if (afterScore != null) {
            params.add(afterScore);
            params.add(afterPublished);
            params.add(afterId);
            int n = params.size();
            sql.append(" and (").append(score).append(", p.published_at, p.id) < ($").append(n - 2).append("::float8, $").append(n - 1)
                    .append("::timestamptz, $").append(n).append("::uuid)");
        }
        if (pinned.length > 0) {
            params.add(pinned);
            sql.append(" and p.id <> all($").append(params.size()).append("::uuid[])");
        }
        params.add(limit);
        sql.append(" order by ").append(score).append(" desc, p.published_at desc, p.id desc limit $").append(params.size());
        return db.preparedQuery(sql.toString()).execute(args(params.toArray())).map(FeedRepository::rows);
    }

    static List<Row> rows(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
        List<Row> all = new ArrayList<>(rows.size());
        rows.forEach(all::add);
        return all;
    }
}
