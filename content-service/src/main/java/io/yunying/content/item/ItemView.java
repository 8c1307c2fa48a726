package io.yunying.content.item;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

@Schema(name = "ContentItem")
public record ItemView(UUID id, String slug, ContentType type, ContentSource source, ContentState state,
                       String title, String summary, String author, String locale,
                       Instant createdAt, Instant updatedAt, long version) {

    static ItemView of(ContentItem item) {
        return new ItemView(item.id, item.slug, item.type, item.source, item.state, item.title, item.summary,
                item.author, item.locale, item.createdAt, item.updatedAt, item.version);
    }
}
