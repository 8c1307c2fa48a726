package io.yunying.community.sanction;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class StrikeRepository implements PanacheRepositoryBase<Strike, UUID> {

    /** Strikes that count at {@code now}: not revoked and not yet decayed. Decay needs no job. */
    public Uni<Long> live(String userId, Instant now) {
        return count("userId = ?1 and revokedAt is null and expiresAt > ?2", userId, now);
    }

    public Uni<List<Strike>> liveOfSanction(UUID sanctionId) {
        return list("sanctionId = ?1 and revokedAt is null", sanctionId);
    }

    public Uni<List<Strike>> liveOfReview(UUID reviewItemId) {
        return list("reviewItemId = ?1 and revokedAt is null", reviewItemId);
    }

    public Uni<List<Strike>> ofUser(String userId) {
        return list("userId = ?1 order by createdAt desc", userId);
    }
}
