package io.yunying.content.item;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.yunying.platform.problem.DatabaseErrors;
import io.yunying.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
public class ContentItemService {

    private final ContentItemRepository items;
    private final Clock clock;

    public ContentItemService(ContentItemRepository items, Clock clock) {
        this.items = items;
        this.clock = clock;
    }

    /** Every piece starts as a draft; its slug is its natural key and must be unused. */
    @WithTransaction
    public Uni<ContentItem> createDraft(CreateItemRequest request) {
        ContentItem item = new ContentItem();
        item.id = UUID.randomUUID();
        item.slug = request.slug();
        item.type = request.type();
        item.source = request.source();
        item.state = ContentState.DRAFT;
        item.title = request.title().strip();
        item.summary = request.summary();
        item.author = request.author();
        item.locale = request.locale() == null ? "zh-CN" : request.locale();
        item.createdAt = clock.instant();
        item.updatedAt = item.createdAt;
        return items.persistAndFlush(item)
                .onFailure(DatabaseErrors::isUniqueViolation).transform(e -> ProblemException.conflict(
                        "slug-taken", "Slug already in use",
                        "another content item already has the slug " + request.slug(), Map.of("slug", request.slug())));
    }

    @WithSession
    public Uni<ContentItem> get(UUID id) {
        return items.findById(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("content item", id));
    }
}
