package io.yunying.community.review;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.yunying.community.modlog.ModerationLog;
import io.yunying.community.post.Post;
import io.yunying.community.post.PostRepository;
import io.yunying.community.post.PostSignals;
import io.yunying.community.post.PostStatus;
import io.yunying.community.sanction.SanctionService;
import io.yunying.community.sanction.SanctionType;
import io.yunying.community.support.Cursor;
import io.yunying.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
public class ReviewService {

    public enum Outcome { APPROVE, REMOVE, MASK }

    public record SanctionOrder(SanctionType type, Duration duration, String reason) {
    }

    private final ReviewRepository repository;
    private final PostRepository posts;
    private final PostSignals signals;
    private final SanctionService sanctions;
    private final ModerationLog log;
    private final ReviewConfig config;
    private final Clock clock;

    public ReviewService(ReviewRepository repository, PostRepository posts, PostSignals signals, SanctionService sanctions,
                         ModerationLog log, ReviewConfig config, Clock clock) {
        this.repository = repository;
        this.posts = posts;
        this.signals = signals;
        this.sanctions = sanctions;
        this.log = log;
        this.config = config;
        this.clock = clock;
    }

    /** Inside the caller's transaction. */
    public Uni<Void> enqueue(UUID postId, String reason, int severity, double reportWeight, int authorStrikes, List<String> ruleIds) {
        return repository.enqueue(postId, reason, severity, reportWeight, authorStrikes,
                ruleIds.isEmpty() ? null : String.join(",", ruleIds), clock.instant());
    }

    /** Inside the caller's transaction. */
    public Uni<Void> enqueueMember(String memberId, double reportWeight, int memberStrikes) {
        return repository.enqueueMember(memberId, reportWeight, memberStrikes, clock.instant());
    }

    public Uni<List<ReviewItem>> queue(String status, String sort, Cursor after, int limit) {
        boolean byScore = !"createdAt".equals(sort);
        if (sort != null && !sort.equals("score") && !sort.equals("createdAt")) {
            throw ProblemException.invalid("sort", "one of score, createdAt");
        }
        if (!"OPEN".equals(status) && !"DECIDED".equals(status)) {
            throw ProblemException.invalid("status", "one of OPEN, DECIDED");
        }
        return Panache.withSession(() -> repository.queue(status, byScore,
                after == null || !byScore ? null : after.number(),
                after == null || byScore ? null : after.instant(), after == null ? null : after.id(), limit));
    }

    public Uni<ReviewItem> get(UUID id) {
        return Panache.withSession(() -> find(id));
    }

    /** Takes the item for a lease; another moderator's live claim is a conflict, an expired one is taken over. */
    public Uni<ReviewItem> claim(UUID id, String moderator) {
        Instant now = clock.instant();
        return Panache.withTransaction(() -> find(id).invoke(item -> {
            requireOpen(item);
            if (item.claimedBy != null && !item.claimedBy.equals(moderator) && item.claimExpiresAt.isAfter(now)) {
                throw ProblemException.conflict("review-claimed", "Claimed by another moderator",
                        item.claimedBy + " holds this item until " + item.claimExpiresAt,
                        Map.of("claimedBy", item.claimedBy, "claimExpiresAt", item.claimExpiresAt.toString()));
            }
            item.claimedBy = moderator;
            item.claimExpiresAt = now.plus(config.claimLease());
        }));
    }

    public Uni<ReviewItem> decide(UUID id, String moderator, Outcome outcome, String note, String maskedBody, SanctionOrder order) {
        Instant now = clock.instant();
        return Panache.withTransaction(() -> find(id).chain(item -> {
            requireOpen(item);
            if (!moderator.equals(item.claimedBy) || !item.claimExpiresAt.isAfter(now)) {
                throw ProblemException.conflict("claim-required", "Claim the item first",
                        "deciding needs a live claim on the item", claimState(item));
            }
            if (item.memberId != null && outcome == Outcome.MASK) {
                throw ProblemException.invalid("decision", "a reported member is APPROVE (dismiss the reports) or REMOVE (uphold them)");
            }
            if (outcome == Outcome.MASK && (maskedBody == null || maskedBody.isBlank())) {
                throw ProblemException.invalid("maskedBody", "an edit-mask decision needs the masked text");
            }
            item.status = "DECIDED";
            item.decision = outcome.name();
            item.decidedBy = moderator;
            item.decidedAt = now;
            item.decisionNote = note;
            if (item.memberId != null) {
                return log.record(moderator, "review." + outcome.name().toLowerCase(), "member", item.memberId,
                                note == null ? item.reason : note)
                        .call(() -> consequence(item.memberId, item, outcome, note, order, moderator))
                        .replaceWith(item);
            }
            return posts.findById(item.postId).chain(post -> apply(post, outcome, maskedBody))
                    // a held post reaches the hot topics when it is published; one published before counts once
                    .call(post -> post.status == PostStatus.PUBLISHED ? signals.published(post, now) : Uni.createFrom().voidItem())
                    .call(post -> log.record(moderator, "review." + outcome.name().toLowerCase(), "post", post.id,
                            note == null ? item.reason : note))
                    .call(post -> consequence(post.authorId, item, outcome, note, order, moderator))
                    .replaceWith(item);
        }));
    }

    /**
     * An upheld removal is a strike with the graduated sanction for the author's live strikes (or the one the
     * moderator ordered); other decisions sanction only when the moderator orders it.
     */
    private Uni<Void> consequence(String userId, ReviewItem item, Outcome outcome, String note, SanctionOrder order, String moderator) {
        if (outcome == Outcome.REMOVE) {
            String what = item.memberId != null ? "upheld reports against the member" : "removal of post " + item.postId;
            return sanctions.strike(userId, item.id, what + (note == null ? "" : ": " + note), moderator,
                    order == null ? null : order.type(), order == null ? null : order.duration(),
                    order == null ? null : order.reason()).replaceWithVoid();
        }
        if (order == null) {
            return Uni.createFrom().voidItem();
        }
        return sanctions.issue(userId, order.type(), order.reason() == null ? "review decision" : order.reason(),
                order.duration(), item.id, moderator).replaceWithVoid();
    }

    /** Strikes decay with time and no event marks it: a periodic set-wise rescore keeps the queue's order right. */
    @Scheduled(every = "${yunying.community.review.rescore-every:1m}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledRescore() {
        return rescore().replaceWithVoid();
    }

    public Uni<Integer> rescore() {
        return repository.rescoreAll(clock.instant());
    }

    private Uni<Post> apply(Post post, Outcome outcome, String maskedBody) {
        switch (outcome) {
            case APPROVE -> post.status = PostStatus.PUBLISHED;
            case REMOVE -> post.status = PostStatus.REMOVED;
            case MASK -> {
                if (post.originalBody == null) {
                    post.originalBody = post.body;
                }
                post.body = maskedBody;
                post.status = PostStatus.PUBLISHED;
            }
        }
        return Uni.createFrom().item(post);
    }

    private Uni<ReviewItem> find(UUID id) {
        return repository.findById(id).onItem().ifNull().failWith(() -> ProblemException.notFound("review item", id));
    }

    private static void requireOpen(ReviewItem item) {
        if (!"OPEN".equals(item.status)) {
            throw ProblemException.conflict("review-decided", "Already decided",
                    "the item was decided " + item.decision + " by " + item.decidedBy, Map.of("decision", item.decision));
        }
    }

    private static Map<String, Object> claimState(ReviewItem item) {
        Map<String, Object> state = new LinkedHashMap<>();
        if (item.claimedBy != null) {
            state.put("claimedBy", item.claimedBy);
            state.put("claimExpiresAt", item.claimExpiresAt.toString());
        }
        return state;
    }
}
