package io.yunying.content.item;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.yunying.content.pipeline.Action;
import io.yunying.content.pipeline.AuditLog;
import io.yunying.content.pipeline.ChangeState;
import io.yunying.content.pipeline.ContentState;
import io.yunying.content.pipeline.PipelineService;
import io.yunying.content.revision.RevisionRepository;
import io.yunying.content.support.Actor;
import io.yunying.content.support.ContentConfig;
import io.yunying.content.support.Cursors;
import io.yunying.content.support.Page;
import io.yunying.content.taxonomy.CategoryRepository;
import io.yunying.content.support.PgErrors;
import io.yunying.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/** Creating and editing items' working copies; every save keeps a revision. */
@ApplicationScoped
public class ItemService {

    private static final Set<ContentState> UNDER_REVIEW = Set.of(ContentState.SUBMITTED, ContentState.IN_REVIEW);
    private static final Set<ContentState> CLOSED = Set.of(ContentState.ARCHIVED, ContentState.TAKEN_DOWN);

    private final Pool pool;
    private final ItemRepository items;
    private final RevisionRepository revisions;
    private final CategoryRepository categories;
    private final PipelineService pipeline;
    private final AuditLog audit;
    private final ContentConfig config;
    private final Clock clock;

    public ItemService(Pool pool, ItemRepository items, RevisionRepository revisions, CategoryRepository categories,
                       PipelineService pipeline, AuditLog audit, ContentConfig config, Clock clock) {
        this.audit = audit;
        this.pool = pool;
        this.items = items;
        this.revisions = revisions;
        this.categories = categories;
        this.pipeline = pipeline;
        this.config = config;
        this.clock = clock;
    }

    /** The editable part of an item, normalised: body sanitised, tags lower-cased and de-duplicated. */
    public record Fields(String title, String summary, String body, String coverUrl, List<String> mediaUrls,
                         String category, List<String> tags) {

        public static Fields of(String title, String summary, String body, String coverUrl, List<String> mediaUrls,
                                String category, List<String> tags) {
            LinkedHashSet<String> normalTags = new LinkedHashSet<>();
            if (tags != null) {
                tags.forEach(t -> normalTags.add(t.strip().toLowerCase(Locale.ROOT)));
            }
            return new Fields(title.strip(), summary == null || summary.isBlank() ? null : summary.strip(),
                    BodySanitizer.sanitize(body), coverUrl, mediaUrls == null ? List.of() : List.copyOf(mediaUrls),
                    category, List.copyOf(normalTags));
        }

        static Fields of(Item i) {
            return new Fields(i.title, i.summary, i.body, i.coverUrl, i.mediaUrls, i.category, i.tags);
        }

        /** Names of the fields that differ from {@code before}. */
        public List<String> changedFrom(Fields before) {
            List<String> changed = new ArrayList<>();
            if (!Objects.equals(title, before.title)) changed.add("title");
            if (!Objects.equals(summary, before.summary)) changed.add("summary");
            if (!Objects.equals(body, before.body)) changed.add("body");
            if (!Objects.equals(coverUrl, before.coverUrl)) changed.add("coverUrl");
            if (!Objects.equals(mediaUrls, before.mediaUrls)) changed.add("mediaUrls");
            if (!Objects.equals(category, before.category)) changed.add("category");
            if (!Objects.equals(tags, before.tags)) changed.add("tags");
            return changed;
        }

        void applyTo(Item i) {
            i.title = title;
            i.summary = summary;
            i.body = body;
            i.coverUrl = coverUrl;
            i.mediaUrls = mediaUrls;
            i.category = category;
            i.tags = tags;
        }
    }

    public Uni<Item> createDraft(CreateItemRequest request, Actor actor) {
        Fields fields = Fields.of(request.title(), request.summary(), request.body(), request.coverUrl(),
                request.mediaUrls(), request.category(), request.tags());
        Item item = newItem(request.type(), request.source(), request.slug(), request.author(), request.locale(), fields);
        return pool.withTransaction(db -> insert(db, item, actor))
                .onFailure(PgErrors::isUniqueViolation).transform(e -> ProblemException.conflict(
                        "slug-taken", "Slug already in use",
                        "another content item already has the slug " + request.slug(), Map.of("slug", request.slug())));
    }

    public Item newItem(ContentType type, ContentSource source, String slug, String author, String locale, Fields fields) {
        Item item = new Item();
        item.id = UUID.randomUUID();
        item.slug = slug;
        item.type = type;
        item.source = source;
        item.state = ContentState.DRAFT;
        item.author = author;
        item.locale = locale == null ? "zh-CN" : locale;
        fields.applyTo(item);
        item.revision = 1;
        item.createdAt = clock.instant();
        item.updatedAt = item.createdAt;
        return item;
    }

    /** Stores a new item with its first revision. */
    public Uni<Item> insert(SqlClient db, Item item, Actor actor) {
        return requireCategory(db, item.category)
                .chain(() -> items.insert(db, item))
                .chain(() -> revisions.append(db, item, actor.name(),
                        Fields.of(item).changedFrom(new Fields(null, null, "", null, List.of(), null, List.of())), item.createdAt))
                .replaceWith(item);
    }

    public Uni<Item> get(UUID id) {
        return items.find(pool, id).onItem().ifNull().failWith(() -> ProblemException.notFound("content item", id));
    }

    public Uni<Item> bySlug(String slug) {
        return items.findBySlug(pool, slug).onItem().ifNull().failWith(() -> ProblemException.notFound("content item", slug));
    }

    public Uni<Page<ItemView>> list(ContentState state, ContentSource source, String cursor, Integer limit) {
        int size = Cursors.limit(limit, 20, 100);
        Instant afterUpdated = null;
        UUID afterId = null;
        if (cursor != null) {
            var key = Cursors.decode(cursor, 2);
            try {
                afterUpdated = Instant.parse(key.getString(0));
                afterId = UUID.fromString(key.getString(1));
            } catch (RuntimeException e) {
                throw ProblemException.invalid("cursor", "not a cursor this endpoint issued");
            }
        }
        return items.list(pool, state, source, afterUpdated, afterId, size + 1).map(found -> {
            boolean more = found.size() > size;
            List<Item> page = more ? found.subList(0, size) : found;
            Item last = page.isEmpty() ? null : page.get(page.size() - 1);
            return new Page<>(page.stream().map(ItemView::of).toList(),
                    more ? Cursors.encode(last.updatedAt, last.id) : null);
        });
    }

    public Uni<Item> edit(UUID id, Long ifMatch, Fields fields, Actor actor) {
        return pipeline.withLockedItem(id, ifMatch, db -> item -> save(db, item, fields, actor));
    }

    /**
     * Saves a new working copy. Under review it is locked; a decided item goes back to draft; a published one
     * keeps serving its live copy and carries the changes as pending until they are published.
     */
    public Uni<Item> save(SqlClient db, Item item, Fields fields, Actor actor) {
        if (UNDER_REVIEW.contains(item.state) || CLOSED.contains(item.state)) {
            return Uni.createFrom().failure(ProblemException.conflict("item-locked", "Item cannot be edited",
                    "an item that is " + item.state + " cannot be edited"
                            + (UNDER_REVIEW.contains(item.state) ? "; withdraw it from review first" : ""),
                    Map.of("currentState", item.state.name(),
                            "allowedActions", io.yunying.content.pipeline.Pipeline.allowedFrom(item.state).stream().map(Enum::name).toList())));
        }
        if (item.changes == ChangeState.SUBMITTED || item.changes == ChangeState.IN_REVIEW) {
            return Uni.createFrom().failure(ProblemException.conflict("item-locked", "Item cannot be edited",
                    "its changes are " + item.changes + "; wait for the decision or discard them",
                    Map.of("currentState", item.state.name(), "changes", item.changes.name())));
        }
        List<String> changed = fields.changedFrom(Fields.of(item));
        if (changed.isEmpty()) {
            return Uni.createFrom().item(item);
        }
        Instant now = clock.instant();
        fields.applyTo(item);
        item.revision = item.revision + 1;
        item.updatedAt = now;
        if (item.state == ContentState.PUBLISHED) {
            item.changes = ChangeState.PENDING;
            item.changesReason = null;
        }
        return requireCategory(db, item.category)
                .chain(() -> Action.REOPEN.from().contains(item.state)
                        ? pipeline.apply(db, item, Action.REOPEN, actor, "edited: " + String.join(", ", changed))
                        : items.save(db, item))
                .chain(saved -> revisions.append(db, saved, actor.name(), changed, now))
                .chain(() -> revisions.prune(db, item.id, config.revisions().cap(), item.liveRevision))
                .replaceWith(item);
    }

    /**
     * Throws away a published item's saved changes: the working copy becomes the live copy again, kept as a new
     * revision (the discarded ones stay in the history, within the retention cap, and can be restored).
     */
    public Uni<Item> discardChanges(UUID id, Long ifMatch, Actor actor) {
        return pipeline.withLockedItem(id, ifMatch, db -> item -> {
            if (item.state != ContentState.PUBLISHED || !item.pendingChanges()) {
                return Uni.createFrom().failure(PipelineService.noPendingChanges(item));
            }
            Instant now = clock.instant();
            if (item.changes == ChangeState.IN_REVIEW && item.claimExpiresAt != null && item.claimExpiresAt.isAfter(now)) {
                return Uni.createFrom().failure(PipelineService.changesConflict(item,
                        "a reviewer (" + item.claimedBy + ") is deciding on the changes until " + item.claimExpiresAt));
            }
            int live = item.liveRevision;
            int discardedUpTo = item.revision;
            return revisions.find(db, item.id, live).chain(liveCopy -> {
                Fields fields = new Fields(liveCopy.title(), liveCopy.summary(), liveCopy.body(), liveCopy.coverUrl(),
                        liveCopy.mediaUrls(), liveCopy.category(), liveCopy.tags());
                List<String> changed = fields.changedFrom(Fields.of(item));
                fields.applyTo(item);
                item.revision = item.revision + 1;
                item.liveRevision = item.revision;
                item.changes = null;
                item.changesReason = null;
                item.claimedBy = null;
                item.claimExpiresAt = null;
                item.updatedAt = now;
                String why = "discarded revision" + (discardedUpTo - live > 1 ? "s " + (live + 1) + "–" + discardedUpTo : " " + discardedUpTo)
                        + "; back to the live revision " + live;
                return items.save(db, item)
                        .chain(() -> revisions.append(db, item, actor.name(), changed, now))
                        .chain(() -> items.relabelLive(db, item.id, item.revision))
                        .chain(() -> audit.record(db, item.id, actor.name(), "DISCARD_CHANGES", ContentState.PUBLISHED,
                                ContentState.PUBLISHED, why, now))
                        .chain(() -> revisions.prune(db, item.id, config.revisions().cap(), item.liveRevision))
                        .replaceWith(item);
            });
        });
    }

    private Uni<Void> requireCategory(SqlClient db, String category) {
        if (category == null) {
            return Uni.createFrom().voidItem();
        }
        return categories.find(db, category).chain(c -> c == null
                ? Uni.createFrom().failure(ProblemException.invalid("category", "no category " + category + " exists"))
                : Uni.createFrom().voidItem());
    }
}
