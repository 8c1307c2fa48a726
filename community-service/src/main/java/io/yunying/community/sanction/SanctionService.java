package io.yunying.community.sanction;

import io.smallrye.mutiny.Uni;
import io.yunying.community.modlog.ModerationLog;
import io.yunying.community.standing.StandingService;
import io.yunying.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Issues, revokes and enforces sanctions. Every method runs inside the caller's transaction. */
@ApplicationScoped
public class SanctionService {

    /** What a member is trying to do, for deciding which sanctions stand in the way. */
    public enum Write { POST, OTHER }

    private final SanctionRepository repository;
    private final StandingService standing;
    private final ModerationLog log;
    private final Clock clock;

    public SanctionService(SanctionRepository repository, StandingService standing, ModerationLog log, Clock clock) {
        this.repository = repository;
        this.standing = standing;
        this.log = log;
        this.clock = clock;
    }

    /** Fails with a 403 problem naming the sanction and its end when one forbids this write. */
    public Uni<Void> guard(String userId, Write write) {
        Instant now = clock.instant();
        return repository.active(userId, now).invoke(active -> {
            for (Sanction s : active) {
                if (write == Write.POST ? s.type.blocksPosting() : s.type.blocksEveryWrite()) {
                    Map<String, Object> props = new LinkedHashMap<>();
                    props.put("sanctionId", s.id.toString());
                    props.put("sanction", s.type.name());
                    props.put("endsAt", s.endsAt == null ? "never" : s.endsAt.toString());
                    String until = s.endsAt == null ? "permanently" : "until " + s.endsAt;
                    throw new ProblemException(403, "sanctioned", "Account sanctioned",
                            "your account is under a " + s.type.name().toLowerCase() + " " + until + ": " + s.reason,
                            List.of(), props);
                }
            }
        }).replaceWithVoid();
    }

    public Uni<Sanction> issue(String userId, SanctionType type, String reason, Duration duration, UUID reviewItemId, String actor) {
        if (type != SanctionType.BAN && type != SanctionType.WARN && duration == null) {
            throw ProblemException.invalid("durationHours", "a " + type.name().toLowerCase() + " needs an end");
        }
        Sanction s = new Sanction();
        s.id = UUID.randomUUID();
        s.userId = userId;
        s.type = type;
        s.reason = reason;
        s.reviewItemId = reviewItemId;
        s.issuedBy = actor;
        s.startsAt = clock.instant();
        s.endsAt = duration == null ? null : s.startsAt.plus(duration);
        return repository.persist(s)
                .call(() -> standing.addStrikes(userId, 1))
                .call(() -> log.record(actor, "sanction." + type.name().toLowerCase(), "member", userId,
                        reason + (s.endsAt == null ? "" : " (until " + s.endsAt + ")")));
    }

    public Uni<Sanction> revoke(UUID id, String reason, String actor) {
        return repository.findById(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("sanction", id))
                .call(s -> {
                    if (s.revokedAt != null) {
                        return Uni.createFrom().failure(ProblemException.conflict("sanction-revoked", "Already revoked",
                                "the sanction was revoked at " + s.revokedAt, Map.of("revokedAt", s.revokedAt.toString())));
                    }
                    s.revokedAt = clock.instant();
                    s.revokedBy = actor;
                    s.revokeReason = reason;
                    return standing.addStrikes(s.userId, -1)
                            .call(() -> log.record(actor, "sanction.revoke", "member", s.userId, reason));
                });
    }

    public Uni<Sanction> get(UUID id) {
        return repository.findById(id).onItem().ifNull().failWith(() -> ProblemException.notFound("sanction", id));
    }

    public Uni<List<Sanction>> ofUser(String userId) {
        return repository.ofUser(userId);
    }

    public Uni<List<Sanction>> ofReview(UUID reviewItemId) {
        return repository.ofReview(reviewItemId);
    }
}
