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
