package io.yunying.community.sanction;

import io.smallrye.mutiny.Uni;
import io.yunying.community.modlog.ModerationLog;
import io.yunying.community.review.ReviewRepository;
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
    private final StrikeRepository strikes;
    private final SanctionLadder ladder;
    private final StrikeConfig strikeConfig;
    private final ReviewRepository reviews;
    private final StandingService standing;
    private final ModerationLog log;
    private final Clock clock;

    public SanctionService(SanctionRepository repository, StrikeRepository strikes, SanctionLadder ladder, StrikeConfig strikeConfig,
                           ReviewRepository reviews, StandingService standing, ModerationLog log, Clock clock) {
        this.standing = standing;
        this.repository = repository;
        this.strikes = strikes;
        this.ladder = ladder;
        this.strikeConfig = strikeConfig;
        this.reviews = reviews;
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

    /**
     * A moderator's sanction. It is a strike: a new one, or, when it comes with a review decision that
     * already gave one (a removal), that strike.
     */
    public Uni<Sanction> issue(String userId, SanctionType type, String reason, Duration duration, UUID reviewItemId, String actor) {
        if (type != SanctionType.BAN && type != SanctionType.WARN && duration == null) {
            throw ProblemException.invalid("durationHours", "a " + type.name().toLowerCase() + " needs an end");
        }
        Uni<Strike> strike = reviewItemId == null ? addStrike(userId, reason, null, actor)
                : strikes.liveOfReview(reviewItemId).chain(given -> given.isEmpty() ? addStrike(userId, reason, reviewItemId, actor)
                        : Uni.createFrom().item(given.get(0)));
        return strike.chain(s -> sanction(userId, type, reason, duration, reviewItemId, actor, s));
    }

    /**
     * An upheld removal: a strike, and the sanction the ladder gives for the member's live strikes, unless
     * the moderator ordered one ({@code order} type and duration, may be null). The automatic sanction is
     * issued and logged by {@code system}.
     */
    public Uni<Sanction> strike(String userId, UUID reviewItemId, String reason, String moderator,
                                SanctionType orderedType, Duration orderedDuration, String orderedReason) {
        if (orderedType != null && orderedType != SanctionType.BAN && orderedType != SanctionType.WARN && orderedDuration == null) {
            throw ProblemException.invalid("sanction.durationHours", "a " + orderedType.name().toLowerCase() + " needs an end");
        }
        Instant now = clock.instant();
        return addStrike(userId, reason, reviewItemId, moderator)
                .chain(strike -> strikes.live(userId, now).chain(count -> {
                    if (orderedType != null) {
                        return sanction(userId, orderedType, orderedReason == null ? reason : orderedReason, orderedDuration,
                                reviewItemId, moderator, strike);
                    }
                    SanctionLadder.Step step = ladder.forStrikes(count);
                    return sanction(userId, step.type(), "strike " + count + ": " + reason, step.duration(), reviewItemId,
                            ModerationLog.SYSTEM, strike);
                }));
    }

    private Uni<Strike> addStrike(String userId, String reason, UUID reviewItemId, String actor) {
        Strike strike = new Strike();
        strike.id = UUID.randomUUID();
        strike.userId = userId;
        strike.reason = reason;
        strike.reviewItemId = reviewItemId;
        strike.createdAt = clock.instant();
        strike.expiresAt = strike.createdAt.plus(strikeConfig.decay());
        return strikes.persist(strike)
                .call(() -> log.record(actor, "strike.add", "member", userId, reason + " (counts until " + strike.expiresAt + ")"))
                .call(() -> rescore(userId));
    }

    private Uni<Sanction> sanction(String userId, SanctionType type, String reason, Duration duration, UUID reviewItemId,
                                   String actor, Strike strike) {
        Sanction s = new Sanction();
        s.id = UUID.randomUUID();
        s.userId = userId;
        s.type = type;
        s.reason = reason;
        s.reviewItemId = reviewItemId;
        s.issuedBy = actor;
        s.startsAt = clock.instant();
        s.endsAt = duration == null ? null : s.startsAt.plus(duration);
        strike.sanctionId = s.id;
        return repository.persist(s)
                .call(() -> log.record(actor, "sanction." + type.name().toLowerCase(), "member", userId,
                        reason + (s.endsAt == null ? "" : " (until " + s.endsAt + ")")));
    }

    /** Lifts a sanction early and takes back the strike it carries. */
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
                    return log.record(actor, "sanction.revoke", "member", s.userId, reason)
                            .chain(() -> strikes.liveOfSanction(s.id))
                            .call(list -> revokeStrikes(s.userId, list, reason, actor));
                });
    }

    /** Takes back the strikes a review decision gave (an appeal reversed it). */
    public Uni<Void> revokeStrikesOfReview(String userId, UUID reviewItemId, String reason, String actor) {
        return strikes.liveOfReview(reviewItemId).chain(list -> revokeStrikes(userId, list, reason, actor));
    }

    private Uni<Void> revokeStrikes(String userId, List<Strike> list, String reason, String actor) {
        if (list.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Instant now = clock.instant();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Strike strike : list) {
            strike.revokedAt = now;
            strike.revokedBy = actor;
            chain = chain.call(() -> log.record(actor, "strike.remove", "member", userId, reason));
        }
        return chain.call(strikes::flush).call(() -> rescore(userId));
    }

    /**
     * After a strike is given or taken back: the member's standing holds the new live count, and their open
     * review items are rescored with it, so the queue's order stays right.
     */
    private Uni<Void> rescore(String userId) {
        return strikes.flush().chain(() -> standing.of(userId))
                .chain(member -> reviews.rescoreAuthor(userId, member.strikes)).replaceWithVoid();
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
