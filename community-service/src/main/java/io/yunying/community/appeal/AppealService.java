package io.yunying.community.appeal;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.yunying.community.modlog.ModerationLog;
import io.yunying.community.post.PostRepository;
import io.yunying.community.post.PostStatus;
import io.yunying.community.review.ReviewRepository;
import io.yunying.community.sanction.Sanction;
import io.yunying.community.sanction.SanctionService;
import io.yunying.community.support.Actor;
import io.yunying.community.support.Cursor;
import io.yunying.platform.problem.DatabaseErrors;
import io.yunying.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Appeals: one per decision, by the member it hit. A reversal undoes the decision: the sanction is
 * revoked (and its strike taken back); a removed or masked post is published again as written, and
 * any sanction issued with that review decision is revoked too.
 */
@ApplicationScoped
public class AppealService {

    public enum Outcome { UPHOLD, REVERSE }

    private final AppealRepository appeals;
    private final SanctionService sanctions;
    private final ReviewRepository reviews;
    private final PostRepository posts;
    private final ModerationLog log;
    private final Clock clock;

    public AppealService(AppealRepository appeals, SanctionService sanctions, ReviewRepository reviews, PostRepository posts,
                         ModerationLog log, Clock clock) {
        this.appeals = appeals;
        this.sanctions = sanctions;
        this.reviews = reviews;
        this.posts = posts;
        this.log = log;
        this.clock = clock;
    }

    public Uni<Appeal> file(String appellant, UUID sanctionId, UUID reviewItemId, String text) {
        if ((sanctionId == null) == (reviewItemId == null)) {
            throw ProblemException.invalid("sanctionId", "name exactly one decision: sanctionId or reviewItemId");
        }
        Instant now = clock.instant();
        // Appeals are exempt from the sanction guard: a suspended member must still be able to appeal.
        return Panache.withTransaction(() -> owner(sanctionId, reviewItemId).chain(owner -> {
                    if (!owner.equals(appellant)) {
                        throw ProblemException.notFound(sanctionId != null ? "sanction" : "review decision",
                                sanctionId != null ? sanctionId : reviewItemId);
                    }
                    Appeal appeal = new Appeal();
                    appeal.id = UUID.randomUUID();
                    appeal.sanctionId = sanctionId;
                    appeal.reviewItemId = reviewItemId;
                    appeal.appellantId = appellant;
                    appeal.text = text;
                    appeal.status = "OPEN";
                    appeal.createdAt = now;
                    return appeals.persist(appeal).call(appeals::flush)
                            .call(() -> log.record(appellant, "appeal.file", sanctionId != null ? "sanction" : "review",
                                    sanctionId != null ? sanctionId : reviewItemId, text));
                }))
                .onFailure(DatabaseErrors::isUniqueViolation).transform(e -> ProblemException.conflict("already-appealed",
                        "Already appealed", "this decision already has an appeal", Map.of()));
    }

    /** Who a decision hit: the sanctioned member, or the author of the post a review decided. */
    private Uni<String> owner(UUID sanctionId, UUID reviewItemId) {
        if (sanctionId != null) {
            return sanctions.get(sanctionId).map(s -> s.userId);
        }
        return reviews.findById(reviewItemId).chain(item -> {
            if (item == null || !"DECIDED".equals(item.status)) {
                throw ProblemException.notFound("review decision", reviewItemId);
            }
            if (item.memberId != null) {
                return Uni.createFrom().item(item.memberId);
            }
            return posts.findById(item.postId).map(p -> p.authorId);
        });
    }

    public Uni<Appeal> resolve(UUID id, Outcome outcome, String note, String moderator) {
        Instant now = clock.instant();
        return Panache.withTransaction(() -> appeals.findById(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("appeal", id))
                .call(appeal -> {
                    if (!"OPEN".equals(appeal.status)) {
                        throw ProblemException.conflict("appeal-resolved", "Already resolved",
                                "the appeal was " + appeal.status.toLowerCase() + " by " + appeal.resolvedBy,
                                Map.of("status", appeal.status));
                    }
                    appeal.status = outcome == Outcome.REVERSE ? "REVERSED" : "UPHELD";
                    appeal.resolvedBy = moderator;
                    appeal.resolutionNote = note;
                    appeal.resolvedAt = now;
                    Uni<Void> undo = outcome == Outcome.REVERSE ? reverse(appeal, moderator) : Uni.createFrom().voidItem();
                    return undo.call(() -> log.record(moderator, "appeal." + outcome.name().toLowerCase(), "appeal", appeal.id, note));
                }));
    }

    private Uni<Void> reverse(Appeal appeal, String moderator) {
        String why = "appeal " + appeal.id + " reversed";
        if (appeal.sanctionId != null) {
            return sanctions.get(appeal.sanctionId)
                    .call(s -> s.revokedAt == null ? sanctions.revoke(s.id, why, moderator) : Uni.createFrom().voidItem())
                    .replaceWithVoid();
        }
        return reviews.findById(appeal.reviewItemId).chain(item -> item.memberId != null ? reverseMember(item, why, moderator)
                : posts.findById(item.postId).chain(post -> {
            if ("REMOVE".equals(item.decision)) {
                post.status = PostStatus.PUBLISHED;
            } else if ("MASK".equals(item.decision) && post.originalBody != null) {
                post.body = post.originalBody;
                post.originalBody = null;
                post.status = PostStatus.PUBLISHED;
            } else if ("APPROVE".equals(item.decision)) {
                post.status = PostStatus.REMOVED;
            }
            return log.record(moderator, "post.restore", "post", post.id, why)
                    .chain(() -> sanctions.ofReview(item.id))
                    .call(list -> revokeAll(list, why, moderator))
                    .call(() -> sanctions.revokeStrikesOfReview(post.authorId, item.id, why, moderator));
        }).replaceWithVoid());
    }

    /** Upheld reports against a member, reversed: the sanctions and the strike that came with the decision are taken back. */
    private Uni<Void> reverseMember(io.yunying.community.review.ReviewItem item, String why, String moderator) {
        return sanctions.ofReview(item.id)
                .call(list -> revokeAll(list, why, moderator))
                .call(() -> sanctions.revokeStrikesOfReview(item.memberId, item.id, why, moderator))
                .replaceWithVoid();
    }

    private Uni<Void> revokeAll(List<Sanction> list, String why, String moderator) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Sanction s : list) {
            if (s.revokedAt == null) {
                chain = chain.call(() -> sanctions.revoke(s.id, why, moderator));
            }
        }
        return chain;
    }

    public Uni<Appeal> get(UUID id, Actor viewer) {
        return Panache.withSession(() -> appeals.findById(id)).map(a -> {
            if (a == null || (!viewer.staff() && !a.appellantId.equals(viewer.id()))) {
                throw ProblemException.notFound("appeal", id);
            }
            return a;
        });
    }

    public Uni<List<Appeal>> page(String status, Cursor after, int limit) {
        if (!List.of("OPEN", "UPHELD", "REVERSED").contains(status)) {
            throw ProblemException.invalid("status", "one of OPEN, UPHELD, REVERSED");
        }
        return Panache.withSession(() -> appeals.page(status, after == null ? null : after.instant(),
                after == null ? null : after.id(), limit));
    }
}
