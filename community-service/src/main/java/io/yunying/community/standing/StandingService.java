package io.yunying.community.standing;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;

/** Members' standing, created on a member's first write. Runs inside the caller's transaction. */
@ApplicationScoped
public class StandingService implements PanacheRepositoryBase<MemberStanding, String> {

    private final Clock clock;

    public StandingService(Clock clock) {
        this.clock = clock;
    }

    public Uni<MemberStanding> of(String userId) {
        return getSession().chain(s -> s.createNativeQuery(
                        "insert into member_standing (user_id, first_seen_at) values (?1, ?2) on conflict (user_id) do nothing")
                .setParameter(1, userId).setParameter(2, clock.instant()).executeUpdate())
                .chain(() -> findById(userId));
    }

    public Uni<Void> addPost(String userId) {
        return update("posts = posts + 1 where userId = ?1", userId).replaceWithVoid();
    }

    public Uni<Void> addStrikes(String userId, int delta) {
        return of(userId).chain(() -> update("strikes = greatest(0, strikes + ?2) where userId = ?1", userId, delta))
                .replaceWithVoid();
    }
}
