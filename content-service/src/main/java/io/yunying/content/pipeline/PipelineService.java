package io.yunying.content.pipeline;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.yunying.content.item.ContentSource;
import io.yunying.content.item.Item;
import io.yunying.content.item.ItemRepository;
import io.yunying.content.support.Actor;
import io.yunying.content.taxonomy.CategoryRepository;
import io.yunying.platform.problem.ProblemException;
import io.yunying.platform.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Moves items through the pipeline. Every state change goes through {@link #apply}: it checks the action
 * against {@link Action}'s table, keeps the live copy and the outbox in step, and writes the audit log,
 * all inside the caller's transaction.
 */
@ApplicationScoped
public class PipelineService {

    private final Pool pool;
    private final ItemRepository items;
    private final CategoryRepository categories;
    private final AuditLog audit;
    private final LiveCopy live;
    private final Clock clock;

    public PipelineService(Pool pool, ItemRepository items, CategoryRepository categories, AuditLog audit, LiveCopy live,
                           Clock clock) {
        this.pool = pool;
        this.items = items;
        this.categories = categories;
        this.audit = audit;
        this.live = live;
        this.clock = clock;
    }

    /** Loads and locks the item, checks {@code If-Match} when given, and runs {@code work} in one transaction. */
    public Uni<Item> withLockedItem(UUID id, Long ifMatch, Function<SqlClient, Function<Item, Uni<Item>>> work) {
        return pool.withTransaction(db -> items.lock(db, id).chain(item -> {
            if (item == null) {
                return Uni.createFrom().failure(ProblemException.notFound("content item", id));
            }
            if (ifMatch != null && ifMatch != item.version) {
                return Uni.createFrom().failure(ProblemException.preconditionFailed(
                        "the item is at version " + item.version + ", not " + ifMatch + "; fetch it again"));
            }
            return work.apply(db).apply(item);
        }));
    }

    public Uni<Item> apply(SqlClient db, Item item, Action action, Actor actor, String reason) {
        Pipeline.check(item.state, action);
        ContentState from = item.state;
        Instant now = clock.instant();
        item.state = action.to();
        item.updatedAt = now;
        switch (action) {
            case SUBMIT -> {
                item.submittedAt = now;
                item.reason = null;
            }
            case CLAIM -> {
                // the review service sets the claimant and the lease
            }
            case RELEASE, WITHDRAW -> {
                item.claimedBy = null;
                item.claimExpiresAt = null;
            }
            case APPROVE -> {
                item.claimedBy = null;
                item.claimExpiresAt = null;
                item.reason = null;
            }
            case REJECT, TAKE_DOWN -> {
                item.claimedBy = null;
                item.claimExpiresAt = null;
                item.reason = reason;
            }
            case UNSCHEDULE -> item.publishAt = null;
            case PUBLISH -> {
                item.publishAt = null;
                item.publishedAt = now;
                item.liveRevision = item.revision;
            }
            case REOPEN -> item.publishAt = null;
            default -> {
            }
        }
        boolean leavesLive = from == ContentState.PUBLISHED && item.state != ContentState.PUBLISHED;
        if (leavesLive) {
            item.liveRevision = null;
            // pending changes of a piece that is no longer live are nobody's review task any more
            if (item.changes != null) {
                item.changes = null;
                item.changesReason = null;
                item.claimedBy = null;
                item.claimExpiresAt = null;
            }
        }
        return items.save(db, item)
                .chain(saved -> {
                    UUID[] ids = {item.id};
                    if (action == Action.PUBLISH) {
                        return live.goLive(db, ids, now);
                    }
                    return leavesLive ? live.takeOff(db, ids, now, item.state, reason) : Uni.createFrom().voidItem();
                })
                .chain(() -> audit.record(db, item.id, actor.name(), action, from, item.state, reason, now))
                .replaceWith(item);
    }

    /**
     * Submits an item. PGC outside review-required categories needs no human decision, so the review
     * policy approves it in the same transaction (and says so in the audit log).
     */
    public Uni<Item> submit(UUID id, Long ifMatch, Actor actor) {
        return withLockedItem(id, ifMatch, db -> item -> apply(db, item, Action.SUBMIT, actor, null)
                .chain(submitted -> needsReview(db, submitted).chain(review -> review
                        ? Uni.createFrom().item(submitted)
                        : apply(db, submitted, Action.APPROVE, Actor.POLICY, "category does not require review"))));
    }

    /** UGC always needs a decision (human or a passing moderation check); PGC only in review-required categories. */
    public Uni<Boolean> needsReview(SqlClient db, Item item) {
        if (item.source == ContentSource.UGC) {
            return Uni.createFrom().item(true);
        }
        if (item.category == null) {
            return Uni.createFrom().item(false);
        }
        return categories.find(db, item.category).map(c -> c != null && c.requiresReview());
    }

    public Uni<Item> schedule(UUID id, Long ifMatch, Actor actor, Instant publishAt, Instant unpublishAt) {
        Instant now = clock.instant();
        if (!publishAt.isAfter(now)) {
            throw ProblemException.invalid("publishAt", "must be in the future; publish now instead");
        }
        if (unpublishAt != null && !unpublishAt.isAfter(publishAt)) {
            throw ProblemException.invalid("unpublishAt", "must be after publishAt");
        }
        return withLockedItem(id, ifMatch, db -> item -> {
            item.publishAt = publishAt;
            item.unpublishAt = unpublishAt;
            return apply(db, item, Action.SCHEDULE, actor, "publish at " + publishAt);
        });
    }

    public Uni<Item> transition(UUID id, Long ifMatch, Action action, Actor actor, String reason) {
        return withLockedItem(id, ifMatch, db -> item -> apply(db, item, action, actor, reason));
    }

    /** Sets or clears when a live item leaves; the scheduler honours it. */
    public Uni<Item> setUnpublishAt(UUID id, Long ifMatch, Instant unpublishAt) {
        if (unpublishAt != null && !unpublishAt.isAfter(clock.instant())) {
            throw ProblemException.invalid("unpublishAt", "must be in the future; unpublish now instead");
        }
        return withLockedItem(id, ifMatch, db -> item -> {
            if (!Set.of(ContentState.APPROVED, ContentState.SCHEDULED, ContentState.PUBLISHED).contains(item.state)) {
                return Uni.createFrom().failure(ProblemException.conflict("illegal-transition", "Illegal state change",
                        "an unpublish time needs an approved, scheduled or published item; this one is " + item.state,
                        Map.of("currentState", item.state.name(), "allowedStates", List.of("APPROVED", "SCHEDULED", "PUBLISHED"))));
            }
            item.unpublishAt = unpublishAt;
            item.updatedAt = clock.instant();
            return items.save(db, item);
        });
    }

    /**
     * Puts the saved changes of a published item live. The published copy served apps the whole time; it is
     * replaced only now. Where the item needs review, only a reviewer (or admin) may approve the changes this way;
     * changes a reviewer has claimed are decided through the review queue.
     */
    public Uni<Item> publishChanges(UUID id, Long ifMatch, Actor actor) {
        return withLockedItem(id, ifMatch, db -> item -> {
            if (item.state != ContentState.PUBLISHED) {
                return Uni.createFrom().failure(Pipeline.illegal(item.state, Action.PUBLISH));
            }
            if (!item.pendingChanges()) {
                return Uni.createFrom().failure(noPendingChanges(item));
            }
            if (item.changes == ChangeState.IN_REVIEW && item.claimExpiresAt != null && item.claimExpiresAt.isAfter(clock.instant())
                    && !actor.name().equals(item.claimedBy)) {
                return Uni.createFrom().failure(ProblemException.conflict("claimed", "Claimed by another reviewer",
                        "the changes are claimed by " + item.claimedBy + " until " + item.claimExpiresAt,
                        Map.of("currentState", item.state.name(), "changes", item.changes.name(), "claimedBy", item.claimedBy)));
            }
            return needsReview(db, item).chain(review -> {
                if (review && !actor.hasAny(Set.of(Roles.REVIEWER, Roles.ADMIN))) {
                    return Uni.createFrom().failure(new ProblemException(403, "review-required", "Review required",
                            "changes to this item must be approved by a reviewer; submit them for review"));
                }
                return putChangesLive(db, item, actor, "PUBLISH");
            });
        });
    }

    /**
     * Sends a published item's saved changes to the review queue; where the item needs no review, the review policy
     * approves them and they go live at once.
     */
    public Uni<Item> submitChanges(UUID id, Long ifMatch, Actor actor) {
        return withLockedItem(id, ifMatch, db -> item -> {
            if (item.state != ContentState.PUBLISHED || !item.pendingChanges()) {
                return Uni.createFrom().failure(noPendingChanges(item));
            }
            if (item.changes == ChangeState.SUBMITTED || item.changes == ChangeState.IN_REVIEW) {
                return Uni.createFrom().failure(changesConflict(item, "the changes are already " + item.changes));
            }
            return needsReview(db, item).chain(review -> {
                if (!review) {
                    return putChangesLive(db, item, Actor.POLICY, "APPROVE_CHANGES");
                }
                Instant now = clock.instant();
                item.changes = ChangeState.SUBMITTED;
                item.changesReason = null;
                item.submittedAt = now;
                item.updatedAt = now;
                return items.save(db, item)
                        .chain(() -> audit.record(db, item.id, actor.name(), "SUBMIT_CHANGES", ContentState.PUBLISHED,
                                ContentState.PUBLISHED, "revision " + item.revision + " for review", now))
                        .replaceWith(item);
            });
        });
    }

    /** Replaces the live copy with the working copy and closes the changes' review task, audited as {@code auditAction}. */
    public Uni<Item> putChangesLive(SqlClient db, Item item, Actor actor, String auditAction) {
        Instant now = clock.instant();
        int from = item.liveRevision;
        item.liveRevision = item.revision;
        item.changes = null;
        item.changesReason = null;
        item.claimedBy = null;
        item.claimExpiresAt = null;
        item.updatedAt = now;
        return items.save(db, item)
                .chain(() -> live.goLive(db, new UUID[]{item.id}, now))
                .chain(() -> audit.record(db, item.id, actor.name(), auditAction, ContentState.PUBLISHED,
                        ContentState.PUBLISHED, "changes live: revision " + from + " → " + item.revision, now))
                .replaceWith(item);
    }

    public static ProblemException noPendingChanges(Item item) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("currentState", item.state.name());
        properties.put("revision", item.revision);
        return ProblemException.conflict("no-pending-changes", "No pending changes",
                item.state == ContentState.PUBLISHED ? "the live copy already shows revision " + item.revision
                        : "only a published item has pending changes; this one is " + item.state, properties);
    }

    public static ProblemException changesConflict(Item item, String detail) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("currentState", item.state.name());
        properties.put("changes", item.changes == null ? null : item.changes.name());
        if (item.claimedBy != null) {
            properties.put("claimedBy", item.claimedBy);
        }
        return ProblemException.conflict("changes-in-review", "Changes are in review", detail, properties);
    }
}
