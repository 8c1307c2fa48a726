package io.yunying.community.modlog;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ModerationLogRepository implements PanacheRepositoryBase<ModerationLogEntry, UUID> {

    /** Newest first. */
    public Uni<List<ModerationLogEntry>> page(String actor, String action, String subjectId, Instant beforeTime, UUID beforeId, int limit) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (actor != null) {
            where.append(" and actor = :actor");
            params.and("actor", actor);
        }
        if (action != null) {
            where.append(" and action = :action");
            params.and("action", action);
        }
        if (subjectId != null) {
            where.append(" and subjectId = :subject");
            params.and("subject", subjectId);
        }
        if (beforeTime != null) {
            where.append(" and (createdAt < :t or (createdAt = :t and id < :id))");
            params.and("t", beforeTime).and("id", beforeId);
        }
        return find(where + " order by createdAt desc, id desc", params).page(0, limit).list();
    }
}
