package io.yunying.content.review;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.yunying.content.item.ContentSource;
import io.yunying.content.item.Item;
import io.yunying.content.item.ItemRepository;
import io.yunying.content.pipeline.Action;
import io.yunying.content.pipeline.AuditLog;
import io.yunying.content.pipeline.ChangeState;
import io.yunying.content.pipeline.ContentState;
import io.yunying.content.pipeline.Pipeline;
import io.yunying.content.pipeline.PipelineService;
import io.yunying.content.support.Actor;
import io.yunying.content.support.ContentConfig;
import io.yunying.content.support.Cursors;
import io.yunying.content.support.Page;
import io.yunying.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The human review queue. A reviewer claims an item for a lease; while the lease runs nobody else can
 * claim or decide it; when it runs out the item is back in the queue for anyone.
 */
@ApplicationScoped
public class ReviewService {

    public enum Decision { APPROVE, REJECT }

    private final Pool pool;
    private final ReviewRepository reviews;
    private final PipelineService pipeline;
    private final ItemRepository items;
    private final AuditLog audit;
    private final ContentConfig config;
    private final Clock clock;

    public ReviewService(Pool pool, ReviewRepository reviews, PipelineService pipeline, ItemRepository items, AuditLog audit,
                         ContentConfig config, Clock clock) {
        this.items = items;
        this.audit = audit;
        this.pool = pool;
        this.reviews = reviews;
        this.pipeline = pipeline;
        this.config = config;
        this.clock = clock;
    }

    public Uni<Page<QueueEntry>> queue(String cursor, Integer limit) {
        int size = Cursors.limit(limit, 20, 100);
        Integer priority = null;
        Instant submitted = null;
        UUID id = null;
        if (cursor != null) {
            var key = Cursors.decode(cursor, 3);
            try {
                priority = Integer.parseInt(key.getString(0));
                submitted = Instant.parse(key.getString(1));
                id = UUID.fromString(key.getString(2));
            } catch (RuntimeException e) {
                throw ProblemException.invalid("cursor", "not a cursor this endpoint issued");
            }
        }
        return reviews.queue(pool, clock.instant(), priority, submitted, id, size + 1).map(found -> {
            boolean more = found.size() > size;
            List<QueueEntry> page = more ? found.subList(0, size) : found;
            QueueEntry last = page.isEmpty() ? null : page.get(page.size() - 1);
            return new Page<>(page, more ? Cursors.encode(last.priority(), last.submittedAt(), last.id()) : null);
        });
    }

    public Uni<Item> claim(UUID id, Actor reviewer) {
        return pipeline.withLockedItem(id, null, db -> item -> claim(db, item, reviewer));
    }

    private Uni<Item> claim(SqlClient db, Item item, Actor reviewer) {
        Instant now = clock.instant();
        if (changesUnderReview(item)) {
            return claimChanges(db, item, reviewer, now);
        }
        if (item.state == ContentState.IN_REVIEW && !reviewer.name().equals(item.claimedBy) && leaseRuns(item, now)) {
            return Uni.createFrom().failure(claimedByOther(item));
        }
        Pipeline.check(item.state, Action.CLAIM);
        item.claimedBy = reviewer.name();
        item.claimExpiresAt = now.plus(config.review().lease());
        return pipeline.apply(db, item, Action.CLAIM, reviewer, "lease until " + item.claimExpiresAt);
    }

    public Uni<Item> release(UUID id, Actor reviewer) {
        return pipeline.withLockedItem(id, null, db -> item -> {
            if (item.state == ContentState.PUBLISHED && item.changes == ChangeState.IN_REVIEW) {
                requireOwnLease(item, reviewer);
                item.changes = ChangeState.SUBMITTED;
                item.claimedBy = null;
                item.claimExpiresAt = null;
                return changed(db, item, reviewer, "RELEASE_CHANGES", "released by the reviewer");
            }
            if (item.state == ContentState.IN_REVIEW) {
                requireOwnLease(item, reviewer);
            }
            return pipeline.apply(db, item, Action.RELEASE, reviewer, "released by the reviewer");
        });
    }

    public Uni<Item> decide(UUID id, Decision decision, String reason, Actor reviewer) {
        return pipeline.withLockedItem(id, null, db -> item -> decide(db, item, decision, reason, reviewer));
    }

    private Uni<Item> decide(SqlClient db, Item item, Decision decision, String reason, Actor reviewer) {
        if (changesUnderReview(item)) {
            return decideChanges(db, item, decision, reason, reviewer);
        }
        Action action = decision == Decision.APPROVE ? Action.APPROVE : Action.REJECT;
        Pipeline.check(item.state, action);
        if (decision == Decision.REJECT && (reason == null || reason.isBlank())) {
            return Uni.createFrom().failure(ProblemException.invalid("reason", "a rejection needs a reason"));
        }
        requireOwnLease(item, reviewer);
        return pipeline.apply(db, item, action, reviewer, reason == null ? null : reason.strip())
                .chain(decided -> decided.state == ContentState.APPROVED && decided.source == ContentSource.UGC
                        && config.review().publishUgcOnApprove()
                        ? pipeline.apply(db, decided, Action.PUBLISH, Actor.POLICY, "approved UGC goes live")
                        : Uni.createFrom().item(decided));
    }

    /** One outcome per item: each item is claimed (when free) and decided in its own transaction. */
    public Uni<List<BulkOutcome>> bulk(List<UUID> ids, Decision decision, String reason, Actor reviewer) {
        if (decision == Decision.REJECT && (reason == null || reason.isBlank())) {
            throw ProblemException.invalid("reason", "a rejection needs a reason");
        }
        return Multi.createFrom().iterable(ids)
                .onItem().transformToUniAndConcatenate(id -> pipeline.withLockedItem(id, null, db -> item -> {
                            Uni<Item> claimed = (item.state == ContentState.IN_REVIEW || item.changes == ChangeState.IN_REVIEW)
                                    && reviewer.name().equals(item.claimedBy)
                                    && leaseRuns(item, clock.instant())
                                    ? Uni.createFrom().item(item) : claim(db, item, reviewer);
                            return claimed.chain(c -> decide(db, c, decision, reason, reviewer));
                        })
                        .map(item -> new BulkOutcome(id, 200, item.state.name(), null, null))
                        .onFailure(ProblemException.class).recoverWithItem(e -> {
                            ProblemException p = (ProblemException) e;
                            Object state = p.properties().get("currentState");
                            return new BulkOutcome(id, p.status(), state == null ? null : state.toString(), p.slug(), p.getMessage());
                        }))
                .collect().asList();
    }

    /**
     * A published item whose changes were submitted for review: the review verbs act on the changes. Any other
     * published item is outside the review queue, and the verbs are illegal transitions as for every other state.
     */
    private static boolean changesUnderReview(Item item) {
        return item.state == ContentState.PUBLISHED
                && (item.changes == ChangeState.SUBMITTED || item.changes == ChangeState.IN_REVIEW);
    }

    /** Pending changes of a published item are claimed like a new item: one reviewer at a time, for the lease. */
    private Uni<Item> claimChanges(SqlClient db, Item item, Actor reviewer, Instant now) {
        if (item.changes == ChangeState.IN_REVIEW && !reviewer.name().equals(item.claimedBy) && leaseRuns(item, now)) {
            return Uni.createFrom().failure(claimedByOther(item));
        }
        item.changes = ChangeState.IN_REVIEW;
        item.claimedBy = reviewer.name();
        item.claimExpiresAt = now.plus(config.review().lease());
        return changed(db, item, reviewer, "CLAIM_CHANGES", "lease until " + item.claimExpiresAt);
    }

    private Uni<Item> decideChanges(SqlClient db, Item item, Decision decision, String reason, Actor reviewer) {
        if (decision == Decision.REJECT && (reason == null || reason.isBlank())) {
            return Uni.createFrom().failure(ProblemException.invalid("reason", "a rejection needs a reason"));
        }
        requireOwnLease(item, reviewer);
        if (decision == Decision.APPROVE) {
            return pipeline.putChangesLive(db, item, reviewer, "APPROVE_CHANGES");
        }
        item.changes = ChangeState.REJECTED;
        item.changesReason = reason.strip();
        item.claimedBy = null;
        item.claimExpiresAt = null;
        return changed(db, item, reviewer, "REJECT_CHANGES", item.changesReason);
    }

    private Uni<Item> changed(SqlClient db, Item item, Actor actor, String action, String reason) {
        Instant now = clock.instant();
        item.updatedAt = now;
        return items.save(db, item)
                .chain(saved -> audit.record(db, item.id, actor.name(), action, ContentState.PUBLISHED, ContentState.PUBLISHED,
                        reason, now))
                .replaceWith(item);
    }

    public Uni<Integer> releaseExpired() {
        return pool.withTransaction(db -> reviews.releaseExpired(db, clock.instant()));
    }

    private boolean leaseRuns(Item item, Instant now) {
        return item.claimExpiresAt != null && item.claimExpiresAt.isAfter(now);
    }

    private void requireOwnLease(Item item, Actor reviewer) {
        Instant now = clock.instant();
        if (item.state == ContentState.PUBLISHED && item.changes != ChangeState.IN_REVIEW) {
            throw ProblemException.conflict("claim-required", "Claim the changes first",
                    "pending changes are decided by the reviewer who claimed them; these are "
                            + (item.changes == null ? "not pending" : item.changes),
                    Map.of("currentState", item.state.name(), "allowedActions", List.of(Action.CLAIM.name())));
        }
        if (item.state != ContentState.IN_REVIEW && item.state != ContentState.PUBLISHED) {
            throw ProblemException.conflict("claim-required", "Claim the item first",
                    "an item is decided by the reviewer who claimed it; this one is " + item.state,
                    Map.of("currentState", item.state.name(), "allowedActions", List.of(Action.CLAIM.name())));
        }
        if (!reviewer.name().equals(item.claimedBy)) {
            if (leaseRuns(item, now)) {
                throw claimedByOther(item);
            }
            throw ProblemException.conflict("claim-required", "Claim the item first",
                    "the item's earlier claim expired; claim it before deciding",
                    Map.of("currentState", item.state.name(), "allowedActions", List.of(Action.CLAIM.name())));
        }
        if (!leaseRuns(item, now)) {
            throw ProblemException.conflict("claim-expired", "Claim expired",
                    "your claim expired at " + item.claimExpiresAt + "; claim the item again",
                    Map.of("currentState", item.state.name(), "allowedActions", List.of(Action.CLAIM.name())));
        }
    }

    private static ProblemException claimedByOther(Item item) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("currentState", item.state.name());
        properties.put("claimedBy", item.claimedBy);
        properties.put("claimExpiresAt", item.claimExpiresAt.toString());
        return ProblemException.conflict("claimed", "Claimed by another reviewer",
                "the item is claimed by " + item.claimedBy + " until " + item.claimExpiresAt, properties);
    }

    public record BulkOutcome(UUID id, int status, String state, String problem, String detail) {
    }
}
