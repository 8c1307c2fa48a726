package io.yunying.community.review;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ReviewRepository implements PanacheRepositoryBase<ReviewItem, UUID> {

    private final Pool pool;

    public ReviewRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Opens an item for the post, or adds to the post's open item: one statement, so concurrent
     * reports on one post never queue it twice. Score = rule severity + 2 × weighted reports + author strikes;
     * adding to an open item takes the author's current strikes, so every input change rescores it.
     */
    public Uni<Void> enqueue(UUID postId, String reason, int severity, double reportWeight, int authorStrikes,
                             String ruleIds, Instant now) {
        return getSession().chain(s -> s.createNativeQuery("""
                        insert into review_item (id, post_id, reason, status, rule_severity, report_weight, author_strikes,
                                                 score, rule_ids, created_at)
                        values (?1, ?2, ?3, 'OPEN', ?4, ?5, ?6, ?4 + 2 * ?5 + ?6, ?7, ?8)
                        on conflict (post_id) where status = 'OPEN' do update set
                            rule_severity = greatest(review_item.rule_severity, excluded.rule_severity),
                            report_weight = review_item.report_weight + excluded.report_weight,
                            author_strikes = excluded.author_strikes,
                            score = greatest(review_item.rule_severity, excluded.rule_severity)
                                    + 2 * (review_item.report_weight + excluded.report_weight) + excluded.author_strikes,
                            rule_ids = coalesce(review_item.rule_ids, excluded.rule_ids)
                        """)
                .setParameter(1, UUID.randomUUID()).setParameter(2, postId).setParameter(3, reason)
                .setParameter(4, severity).setParameter(5, reportWeight).setParameter(6, authorStrikes)
                .setParameter(7, ruleIds).setParameter(8, now).executeUpdate()).replaceWithVoid();
    }

    /** Opens an item for a reported member, or adds the report's weight to the member's open item. */
    public Uni<Void> enqueueMember(String memberId, double reportWeight, int memberStrikes, Instant now) {
        return getSession().chain(s -> s.createNativeQuery("""
                        insert into review_item (id, member_id, reason, status, rule_severity, report_weight, author_strikes,
                                                 score, created_at)
                        values (?1, ?2, 'REPORTED', 'OPEN', 0, ?3, ?4, 2 * ?3 + ?4, ?5)
                        on conflict (member_id) where status = 'OPEN' and member_id is not null do update set
                            report_weight = review_item.report_weight + excluded.report_weight,
                            author_strikes = excluded.author_strikes,
                            score = review_item.rule_severity + 2 * (review_item.report_weight + excluded.report_weight)
                                    + excluded.author_strikes
                        """)
                .setParameter(1, UUID.randomUUID()).setParameter(2, memberId).setParameter(3, reportWeight)
                .setParameter(4, memberStrikes).setParameter(5, now).executeUpdate()).replaceWithVoid();
    }

    /** The open queue by score (highest first) or by age (oldest first). */
    public Uni<List<ReviewItem>> queue(String status, boolean byScore, Double afterScore, Instant afterTime, UUID afterId, int limit) {
        Parameters p = Parameters.with("status", status);
        String where = "status = :status";
        String order;
        if (byScore) {
            if (afterId != null) {
                where += " and (score < :sc or (score = :sc and id > :id))";
                p.and("sc", afterScore).and("id", afterId);
            }
            order = " order by score desc, id";
        } else {
            if (afterId != null) {
                where += " and (createdAt > :t or (createdAt = :t and id > :id))";
                p.and("t", afterTime).and("id", afterId);
            }
            order = " order by createdAt, id";
        }
        return find(where + order, p).page(0, limit).list();
    }

    /** Rescores the author's open items for their current live strike count, in one statement. */
    public Uni<Integer> rescoreAuthor(String authorId, int strikes) {
        return getSession().chain(s -> s.createNativeQuery("""
                        update review_item r set author_strikes = ?2, score = r.rule_severity + 2 * r.report_weight + ?2
                        where r.status = 'OPEN' and r.author_strikes <> ?2
                          and (r.member_id = ?1 or r.post_id in (select p.id from post p where p.author_id = ?1))""")
                .setParameter(1, authorId).setParameter(2, strikes).executeUpdate());
    }

    /**
     * Rescores every open item whose author's live strike count moved without an event (strikes decaying
     * with time): one statement, safe to run on every replica.
     */
    public Uni<Integer> rescoreAll(Instant now) {
        return pool.preparedQuery("""
                        update review_item r set author_strikes = live.n, score = r.rule_severity + 2 * r.report_weight + live.n
                        from (select i.id, (select count(*) from strike st where st.user_id = coalesce(p.author_id, i.member_id)
                                            and st.revoked_at is null and st.expires_at > $1)::int as n
                              from review_item i left join post p on p.id = i.post_id where i.status = 'OPEN') live
                        where r.id = live.id and r.author_strikes <> live.n""")
                .execute(Tuple.of(now.atOffset(ZoneOffset.UTC))).map(rows -> rows.rowCount());
    }

    public Uni<ReviewItem> openForPost(UUID postId) {
        return find("postId = ?1 and status = 'OPEN'", postId).firstResult();
    }
}
