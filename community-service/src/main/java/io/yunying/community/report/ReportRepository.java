package io.yunying.community.report;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

@ApplicationScoped
public class ReportRepository implements PanacheRepositoryBase<Report, UUID> {

    /** When the member filed their n-th newest report since a time; null when they filed fewer than n. */
    public Uni<Instant> nthNewestSince(String reporterId, Instant since, int n) {
        return find("reporterId = ?1 and createdAt > ?2 order by createdAt desc", reporterId, since).page(n - 1, 1)
                .firstResult().map(r -> r == null ? null : r.createdAt);
    }

    public Uni<Double> totalWeightAgainstMember(String memberId) {
        return getSession().chain(s -> s.createNativeQuery(
                        "select coalesce(sum(weight), 0) from report where member_id = ?1", Double.class)
                .setParameter(1, memberId).getSingleResult());
    }

    public Uni<Double> totalWeight(UUID postId) {
        return getSession().chain(s -> s.createNativeQuery(
                        "select coalesce(sum(weight), 0) from report where post_id = ?1", Double.class)
                .setParameter(1, postId).getSingleResult());
    }
}
