package io.yunying.community.sanction;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class SanctionRepository implements PanacheRepositoryBase<Sanction, UUID> {

    /** Sanctions in force at {@code now}; expiry needs no job, an ended sanction simply stops matching. */
    public Uni<List<Sanction>> active(String userId, Instant now) {
        return list("userId = ?1 and revokedAt is null and startsAt <= ?2 and (endsAt is null or endsAt > ?2)"
                + " order by endsAt desc nulls first", userId, now);
    }

    public Uni<List<Sanction>> ofUser(String userId) {
        return list("userId = ?1 order by startsAt desc", userId);
    }

    public Uni<List<Sanction>> ofReview(UUID reviewItemId) {
        return list("reviewItemId", reviewItemId);
    }
}
