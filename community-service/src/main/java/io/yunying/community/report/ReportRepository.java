package io.yunying.community.report;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

@ApplicationScoped
public class ReportRepository implements PanacheRepositoryBase<Report, UUID> {

    public Uni<Long> countByReporterSince(String reporterId, Instant since) {
        return count("reporterId = ?1 and createdAt > ?2", reporterId, since);
    }

    public Uni<Double> totalWeight(UUID postId) {
        return getSession().chain(s -> s.createNativeQuery(
                        "select coalesce(sum(weight), 0) from report where post_id = ?1", Double.class)
                .setParameter(1, postId).getSingleResult());
    }
}
