package io.yunying.community.standing;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.yunying.community.sanction.StrikeRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;

/**
 * Members' standing, created on a member's first write (or first named check). Runs inside the caller's
 * session. {@code strikes} is read fresh from the live strikes every time, so a decayed strike stops
 * counting without a job.
 */
@ApplicationScoped
public class StandingService implements PanacheRepositoryBase<MemberStanding, String> {

    private final StrikeRepository strikes;
    private final Clock clock;

    public StandingService(StrikeRepository strikes, Clock clock) {
        this.strikes = strikes;
        this.clock = clock;
    }

    /** The member's standing, created if this is the first time the community meets them. */
    public Uni<MemberStanding> of(String userId) {
        return getSession().chain(s -> s.createNativeQuery(
                        "insert into member_standing (user_id, first_seen_at) values (?1, ?2) on conflict (user_id) do nothing")
                .setParameter(1, userId).setParameter(2, clock.instant()).executeUpdate())
                .chain(() -> current(userId));
    }

    /** The member's standing with their live strikes, or null for a member never met. */
    public Uni<MemberStanding> current(String userId) {
        return findById(userId).chain(member -> member == null ? Uni.createFrom().nullItem()
                : strikes.live(userId, clock.instant()).map(live -> {
                    member.strikes = live.intValue();
                    return member;
                }));
    }

    public Uni<Void> addPost(String userId) {
        return update("posts = posts + 1 where userId = ?1", userId).replaceWithVoid();
    }
}
