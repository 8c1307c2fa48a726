package io.yunying.content.ugc;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.yunying.content.item.ContentSource;
import io.yunying.content.item.Item;
import io.yunying.content.item.ItemRepository;
import io.yunying.content.item.ItemService;
import io.yunying.content.pipeline.Action;
import io.yunying.content.pipeline.ContentState;
import io.yunying.content.pipeline.PipelineService;
import io.yunying.content.support.Actor;
import io.yunying.content.support.ContentConfig;
import io.yunying.content.support.PgErrors;
import io.yunying.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * UGC intake. The submission is stored as SUBMITTED first, so whatever happens next (the check is down,
 * the process dies) it sits in the human review queue. Only then is the machine check asked, outside any
 * transaction; its verdict is applied if the item is still waiting.
 */
@ApplicationScoped
public class UgcService {

    /** REVIEW verdicts come before unchecked items in the queue. */
    static final int FLAGGED_PRIORITY = 10;

    private final Pool pool;
    private final ItemService itemService;
    private final ItemRepository items;
    private final PipelineService pipeline;
    private final ModerationCheck moderation;
    private final ContentConfig config;
    private final Clock clock;

    public UgcService(Pool pool, ItemService itemService, ItemRepository items, PipelineService pipeline,
                      ModerationCheck moderation, ContentConfig config, Clock clock) {
        this.pool = pool;
        this.itemService = itemService;
        this.items = items;
        this.pipeline = pipeline;
        this.moderation = moderation;
        this.config = config;
        this.clock = clock;
    }

    /** A submission and whether it was created now (false: the Idempotency-Key named an earlier one). */
    public record Submission(Item item, boolean created) {
    }

    public Uni<Submission> submit(UgcRequest request, String idempotencyKey, Actor user) {
        Uni<Item> earlier = idempotencyKey == null ? Uni.createFrom().nullItem()
                : items.findByIdempotencyKey(pool, user.name(), idempotencyKey);
        return earlier.chain(found -> found != null
                ? Uni.createFrom().item(new Submission(found, false))
                : checkRate(user).chain(() -> create(request, idempotencyKey, user))
                        .chain(item -> moderate(item).map(moderated -> new Submission(moderated, true))));
    }

    private Uni<Void> checkRate(Actor user) {
        Instant now = clock.instant();
        Duration window = config.ugc().rateWindow();
        Instant since = now.minus(window);
        return items.countUgcSince(pool, user.name(), since).chain(count -> {
            if (count < config.ugc().rateLimit()) {
                return Uni.createFrom().voidItem();
            }
            return items.oldestUgcSince(pool, user.name(), since).chain(oldest -> {
                long retryAfter = Math.max(1, Duration.between(now, oldest.plus(window)).toSeconds() + 1);
                return Uni.createFrom().failure(new RateLimited(config.ugc().rateLimit(), window, retryAfter));
            });
        });
    }

    private Uni<Item> create(UgcRequest request, String idempotencyKey, Actor user) {
        ItemService.Fields fields = ItemService.Fields.of(request.title(), request.summary(), request.body(),
                request.coverUrl(), request.mediaUrls(), request.category(), request.tags());
        Item item = itemService.newItem(request.type(), ContentSource.UGC, null, user.name(), request.locale(), fields);
        item.slug = "ugc-" + item.id.toString().replace("-", "").substring(0, 16);
        item.idempotencyKey = idempotencyKey;
        return pool.withTransaction(db -> itemService.insert(db, item, user)
                        .chain(() -> pipeline.apply(db, item, Action.SUBMIT, user, null)))
                .onFailure(PgErrors::isUniqueViolation).recoverWithUni(() ->
                        items.findByIdempotencyKey(pool, user.name(), idempotencyKey));
    }

    private Uni<Item> moderate(Item submitted) {
        if (submitted.state != ContentState.SUBMITTED || submitted.moderation != null) {
            return Uni.createFrom().item(submitted);
        }
        return moderation.check(submitted).chain(verdict -> pipeline.withLockedItem(submitted.id, null, db -> item -> {
            if (item.state != ContentState.SUBMITTED) {
                return Uni.createFrom().item(item);
            }
            item.moderation = verdict.kind().name();
            return switch (verdict.kind()) {
                case BLOCK -> pipeline.apply(db, item, Action.REJECT, Actor.MODERATION, verdict.reason());
                case PASS -> trusted(item.author)
                        ? pipeline.apply(db, item, Action.APPROVE, Actor.MODERATION, "check passed; trusted author")
                        .chain(approved -> pipeline.apply(db, approved, Action.PUBLISH, Actor.POLICY, "approved UGC goes live"))
                        : items.save(db, item);
                case REVIEW -> {
                    item.priority = FLAGGED_PRIORITY;
                    item.reason = verdict.reason();
                    yield items.save(db, item);
                }
                case UNAVAILABLE -> items.save(db, item);
            };
        }));
    }

    private boolean trusted(String author) {
        return config.ugc().trustedAuthors().orElse(List.of()).contains(author);
    }

    /** 429: too many submissions in the window. */
    public static class RateLimited extends ProblemException {

        private final long retryAfterSeconds;

        RateLimited(int limit, Duration window, long retryAfterSeconds) {
            super(429, "rate-limited", "Too many submissions",
                    "at most " + limit + " submissions per " + window.toMinutes() + " minutes; retry in " + retryAfterSeconds + " s",
                    List.of(), Map.of("retryAfterSeconds", retryAfterSeconds));
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }
}
