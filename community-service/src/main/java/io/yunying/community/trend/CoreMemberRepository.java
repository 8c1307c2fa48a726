package io.yunying.community.trend;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Core members: authors of published posts in a scope (a board, or posts tagged with a topic or its aliases)
 * ranked by the distinct other members their posts engaged (likers and commenters), then by likes + comments
 * received. Self-likes and self-comments do not count.
 */
@ApplicationScoped
public class CoreMemberRepository {

    public record CoreMember(String userId, long posts, long reachedUsers, long likes, long comments) {
    }

    private static final String RANKED = """
            , engaged as (
                select s.author_id, l.user_id as engager, true as liked from scoped s join post_like l on l.post_id = s.id
                where l.user_id <> s.author_id
                union all
                select s.author_id, c.author_id, false from scoped s join post c on c.thread_id = s.id
                where c.status = 'PUBLISHED' and c.author_id <> s.author_id
            )
            select a.author_id, a.posts, coalesce(e.reached, 0), coalesce(e.likes, 0), coalesce(e.comments, 0)
            from (select author_id, count(*) as posts from scoped group by author_id) a
            left join (select author_id, count(distinct engager) as reached, count(*) filter (where liked) as likes,
                              count(*) filter (where not liked) as comments
                       from engaged group by author_id) e on e.author_id = a.author_id
            order by 3 desc, 4 + 5 desc, a.author_id
            limit $3""";

    private final Pool pool;

    public CoreMemberRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<CoreMember>> ofBoard(String slug, Instant since, int limit) {
        return pool.preparedQuery("""
                        with scoped as (
                            select p.id, p.author_id from post p join board b on b.id = p.board_id
                            where b.slug = $1 and p.thread_id is null and p.status = 'PUBLISHED' and p.created_at >= $2
                        )""" + RANKED)
                .execute(Tuple.of(slug, since.atOffset(ZoneOffset.UTC), limit)).map(CoreMemberRepository::members);
    }

    /** Posts tagged with the topic or with one of its merged aliases. */
    public Uni<List<CoreMember>> ofTopic(String topic, Instant since, int limit) {
        return pool.preparedQuery("""
                        with scoped as (
                            select distinct p.id, p.author_id from post p join post_hashtag h on h.post_id = p.id
                            where (h.tag = $1 or h.tag in (select alias from topic_alias where canonical = $1)) and p.thread_id is null and p.status = 'PUBLISHED' and p.created_at >= $2
                        )""" + RANKED)
                .execute(Tuple.of(topic, since.atOffset(ZoneOffset.UTC), limit)).map(CoreMemberRepository::members);
    }

    private static List<CoreMember> members(Iterable<Row> rows) {
        List<CoreMember> members = new ArrayList<>();
        rows.forEach(r -> members.add(new CoreMember(r.getString(0), r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4))));
        return members;
    }
}
