package io.yunying.content.ugc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.yunying.content.item.ContentSource;
import io.yunying.content.item.Item;
import io.yunying.content.item.ItemRepository;
import io.yunying.content.item.ItemService;
import io.yunying.content.pipeline.Action;
import io.yunying.content.pipeline.ContentState;
import io.yunying.content.pipeline.PipelineService;
import io.yunying.content.revision.RevisionRepository;
import io.yunying.content.support.Actor;
import io.yunying.content.support.ContentConfig;
import io.yunying.content.support.Cursors;
import io.yunying.content.support.Page;
import io.yunying.content.support.PgErrors;
import io.yunying.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

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
    private final RevisionRepository revisions;
    private final ObjectMapper json;
    private final ContentConfig config;
    private final Clock clock;

    public UgcService(Pool pool, ItemService itemService, ItemRepository items, PipelineService pipeline,
                      ModerationCheck moderation, RevisionRepository revisions, ObjectMapper json, ContentConfig config,
                      Clock clock) {
        this.revisions = revisions;
        this.json = json;
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
        String hash = idempotencyKey == null ? null : hash(request);
        Uni<Item> earlier = idempotencyKey == null ? Uni.createFrom().nullItem()
                : items.findByIdempotencyKey(pool, user.name(), idempotencyKey);
        return earlier.chain(found -> found != null
                ? replay(found, hash)
                : checkRate(user).chain(() -> create(request, idempotencyKey, hash, user)));
    }

    /** A retry answers the first submission; the same key with another body is a client error, never a second item. */
    private Uni<Submission> replay(Item earlier, String hash) {
        if (earlier.idempotencyHash != null && !earlier.idempotencyHash.equals(hash)) {
            return Uni.createFrom().failure(new ProblemException(422, "idempotency-key-reused", "Idempotency-Key reused",
                    "this Idempotency-Key was used for a different submission; use a new key for new content"));
        }
        return Uni.createFrom().item(new Submission(earlier, false));
    }

    private String hash(UgcRequest request) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.writeValueAsBytes(request));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The app user's own submissions, newest first, with where each stands and why when it was refused or removed. */
    public Uni<Page<MySubmission>> mine(Actor user, String cursor, Integer limit) {
        int size = Cursors.limit(limit, 20, 100);
        Instant afterCreated = null;
        UUID afterId = null;
        if (cursor != null) {
            var key = Cursors.decode(cursor, 2);
            try {
                afterCreated = Instant.parse(key.getString(0));
                afterId = UUID.fromString(key.getString(1));
            } catch (RuntimeException e) {
                throw ProblemException.invalid("cursor", "not a cursor this endpoint issued");
            }
        }
        return items.ugcOf(pool, user.name(), afterCreated, afterId, size + 1).map(found -> {
            boolean more = found.size() > size;
            List<Item> page = more ? found.subList(0, size) : found;
            Item last = page.isEmpty() ? null : page.get(page.size() - 1);
            return new Page<>(page.stream().map(MySubmission::of).toList(), more ? Cursors.encode(last.createdAt, last.id) : null);
        });
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

    private Uni<Submission> create(UgcRequest request, String idempotencyKey, String hash, Actor user) {
        ItemService.Fields fields = ItemService.Fields.of(request.title(), request.summary(), request.body(),
                request.coverUrl(), request.mediaUrls(), request.category(), request.tags());
        Item item = itemService.newItem(request.type(), ContentSource.UGC, null, user.name(), request.locale(), fields);
        item.slug = "ugc-" + item.id.toString().replace("-", "").substring(0, 16);
        item.idempotencyKey = idempotencyKey;
        item.idempotencyHash = hash;
        return pool.withTransaction(db -> itemService.insert(db, item, user)
                        .chain(() -> pipeline.apply(db, item, Action.SUBMIT, user, null)))
                .chain(submitted -> moderate(submitted).map(moderated -> new Submission(moderated, true)))
                .onFailure(PgErrors::isUniqueViolation).recoverWithUni(() ->
                        items.findByIdempotencyKey(pool, user.name(), idempotencyKey).chain(earlier -> replay(earlier, hash)));
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
            return mask(db, submitted, item, verdict).chain(() -> switch (verdict.kind()) {
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
            });
        }));
    }

    /**
     * Applies the check's MASK hits to the stored title, summary and body: what is served is the masked text. The
     * author's own words are kept on the item for moderators, and the masking is a revision of its own.
     */
    private Uni<Void> mask(SqlClient db, Item sent, Item item, Verdict verdict) {
        CheckedText.Masked masked = item.revision == sent.revision ? CheckedText.of(sent).apply(verdict.maskedText()) : null;
        if (masked == null) {
            return Uni.createFrom().voidItem();
        }
        Map<String, Object> original = new LinkedHashMap<>();
        original.put("title", item.title);
        original.put("summary", item.summary);
        original.put("body", item.body);
        List<String> changed = new ArrayList<>();
        if (!masked.title().equals(item.title)) changed.add("title");
        if (!Objects.equals(masked.summary(), item.summary)) changed.add("summary");
        if (!masked.body().equals(item.body)) changed.add("body");
        Instant now = clock.instant();
        item.title = masked.title();
        item.summary = masked.summary();
        item.body = masked.body();
        item.revision = item.revision + 1;
        item.updatedAt = now;
        return items.save(db, item)
                .chain(() -> items.keepMaskedOriginal(db, item.id, new JsonObject(original)))
                .chain(() -> revisions.append(db, item, Actor.MODERATION.name(), changed, now))
                .invoke(() -> item.maskedOriginal = new JsonObject(original).encode());
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
