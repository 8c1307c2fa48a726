package io.yunying.gateway.session;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

@ApplicationScoped
public class RefreshTokenRepository implements PanacheRepositoryBase<RefreshToken, UUID> {

    public Uni<RefreshToken> findByHash(String tokenHash) {
        return find("tokenHash", tokenHash).firstResult();
    }

    public Uni<Integer> revokeFamily(UUID familyId, Instant now) {
        return update("revokedAt = ?1 where familyId = ?2 and revokedAt is null", now, familyId);
    }

    public Uni<Integer> revokeAllOf(UUID accountId, Instant now) {
        return update("revokedAt = ?1 where accountId = ?2 and revokedAt is null", now, accountId);
    }

    /** Expired tokens serve no purpose once past their end; the table stays as small as the live sessions. */
    public Uni<Long> deleteExpired(Instant now) {
        return delete("expiresAt < ?1", now);
    }
}
