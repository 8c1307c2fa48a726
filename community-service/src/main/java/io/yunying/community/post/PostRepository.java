package io.yunying.community.post;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class PostRepository implements PanacheRepositoryBase<Post, UUID> {

    /** When the author wrote their n-th newest post or comment since a time; null when they wrote fewer than n. */
    public Uni<Instant> nthNewestSince(String authorId, Instant since, int n) {
        return find("authorId = ?1 and createdAt > ?2 order by createdAt desc", authorId, since).page(n - 1, 1)
                .firstResult().map(p -> p == null ? null : p.createdAt);
    }

    public Uni<List<Long>> recentSimhashes(String authorId, Instant since) {
        return getSession().chain(s -> s.createSelectionQuery(
                        "select p.simhash from Post p where p.authorId = :a and p.createdAt > :t", Long.class)
                .setParameter("a", authorId).setParameter("t", since).getResultList());
    }

    /** Published top-level posts of a board, newest first. */
    public Uni<List<Post>> boardPage(UUID boardId, Instant beforeTime, UUID beforeId, int limit) {
        Parameters p = Parameters.with("b", boardId).and("s", PostStatus.PUBLISHED);
        String where = "boardId = :b and threadId is null and status = :s";
        if (beforeTime != null) {
            where += " and (createdAt < :t or (createdAt = :t and id < :id))";
            p.and("t", beforeTime).and("id", beforeId);
        }
        return find(where + " order by createdAt desc, id desc", p).page(0, limit).list();
    }

    /** A post's hot rank at a reference time, and its id: one row of the hot sort. */
    public record Ranked(UUID id, double rank) {
    }

    /**
     * Published top-level posts of a board by hot rank at {@code reference} (README, "Hot topics"): score is likes
     * plus published comments. Ranking at a fixed reference time keeps the pages of one listing consistent.
     */
    public Uni<List<Ranked>> boardHot(UUID boardId, Instant reference, Instant horizon, int offset, double gravity,
                                      Double afterRank, UUID afterId, int limit) {
        String sql = """
                select id, rank from (
                    select p.id, log(greatest(1, p.like_count + ?5 + (select count(*) from post c
                                 where c.thread_id = p.id and c.status = 'PUBLISHED')))
                           / power(extract(epoch from (cast(?2 as timestamptz) - p.created_at)) / 3600 + 2, ?6) as rank
                    from post p
                    where p.board_id = ?1 and p.thread_id is null and p.status = 'PUBLISHED'
                      and p.created_at <= ?2 and p.created_at > ?3
                ) ranked""" + (afterRank == null ? "" : " where (rank, id) < (?7, ?8)") + " order by rank desc, id desc limit ?4";
        return getSession().chain(s -> {
            var query = s.createNativeQuery(sql, Object[].class)
                    .setParameter(1, boardId).setParameter(2, reference).setParameter(3, horizon).setParameter(4, limit)
                    .setParameter(5, offset).setParameter(6, gravity);
            if (afterRank != null) {
                query.setParameter(7, afterRank).setParameter(8, afterId);
            }
            return query.getResultList();
        }).map(rows -> rows.stream().map(r -> new Ranked((UUID) r[0], ((Number) r[1]).doubleValue())).toList());
    }

    public Uni<List<Post>> byIds(List<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list("id in ?1", ids);
    }

    /**
     * Published comments of a thread, oldest first (a conversation reads top-down), with the deleted ones
     * in place as tombstones so the answers to them keep their parent.
     */
    public Uni<List<Post>> threadPage(UUID threadId, Instant afterTime, UUID afterId, int limit) {
        Parameters p = Parameters.with("th", threadId).and("s", List.of(PostStatus.PUBLISHED, PostStatus.DELETED));
        String where = "threadId = :th and status in :s";
        if (afterTime != null) {
            where += " and (createdAt > :t or (createdAt = :t and id > :id))";
            p.and("t", afterTime).and("id", afterId);
        }
        return find(where + " order by createdAt, id", p).page(0, limit).list();
    }

    public Uni<Void> saveHashtags(UUID postId, List<String> tags) {
        if (tags.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return getSession().chain(s -> s.createNativeQuery(
                        "insert into post_hashtag (post_id, tag) select ?1, unnest(cast(?2 as text[])) on conflict do nothing")
                .setParameter(1, postId).setParameter(2, tags.toArray(String[]::new)).executeUpdate()).replaceWithVoid();
    }

    /** An edited post's tags replace its old ones. */
    public Uni<Void> replaceHashtags(UUID postId, List<String> tags) {
        return getSession().chain(s -> s.createNativeQuery("delete from post_hashtag where post_id = ?1")
                .setParameter(1, postId).executeUpdate()).chain(() -> saveHashtags(postId, tags));
    }

    public Uni<List<String>> hashtags(UUID postId) {
        return getSession().chain(s -> s.createNativeQuery("select tag from post_hashtag where post_id = ?1 order by tag", String.class)
                .setParameter(1, postId).getResultList());
    }

    /** Likes are counted from the like rows in the same statement, so concurrent likes never lose a count. */
    public Uni<Integer> like(UUID postId, String userId, Instant at, boolean liked) {
        return getSession().chain(s -> (liked
                        ? s.createNativeQuery("insert into post_like (post_id, user_id, created_at) values (?1, ?2, ?3) on conflict do nothing")
                                .setParameter(1, postId).setParameter(2, userId).setParameter(3, at)
                        : s.createNativeQuery("delete from post_like where post_id = ?1 and user_id = ?2")
                                .setParameter(1, postId).setParameter(2, userId)).executeUpdate()
                .chain(() -> s.createNativeQuery(
                                "update post set like_count = (select count(*) from post_like where post_id = ?1) where id = ?1 returning like_count",
                                Integer.class)
                        .setParameter(1, postId).getSingleResult()));
    }

    /** Tags of published posts since a time, most used first: one grouped query, the raw feed for hot topics. */
    public Uni<List<Object[]>> trending(Instant since, int limit) {
        return getSession().chain(s -> s.createNativeQuery("""
                        select h.tag, count(*) from post_hashtag h join post p on p.id = h.post_id
                        where p.status = 'PUBLISHED' and p.created_at > ?1
                        group by h.tag order by count(*) desc, h.tag limit ?2""", Object[].class)
                .setParameter(1, since).setParameter(2, limit).getResultList());
    }
}
