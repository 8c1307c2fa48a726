package io.yunying.community.review;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ReviewRepository implements PanacheRepositoryBase<ReviewItem, UUID> {

    /**
     * Opens an item for the post, or adds to the post's open item: one statement, so concurrent
     * reports on one post never queue it twice. Score = rule severity + 2 × weighted reports + author strikes.
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
                            score = greatest(review_item.rule_severity, excluded.rule_severity)
                                    + 2 * (review_item.report_weight + excluded.report_weight) + review_item.author_strikes,
                            rule_ids = coalesce(review_item.rule_ids, excluded.rule_ids)
                        """)
                .setParameter(1, UUID.randomUUID()).setParameter(2, postId).setParameter(3, reason)
                .setParameter(4, severity).setParameter(5, reportWeight).setParameter(6, authorStrikes)
                .setParameter(7, ruleIds).setParameter(8, now).executeUpdate()).replaceWithVoid();
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

    public Uni<ReviewItem> openForPost(UUID postId) {
        return find("postId = ?1 and status = 'OPEN'", postId).firstResult();
    }
}
