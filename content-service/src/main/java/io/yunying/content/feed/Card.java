package io.yunying.content.feed;

import io.vertx.mutiny.sqlclient.Row;
import io.yunying.content.support.Db;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Schema(name = "FeedCard", description = "What a mobile card shows")
public record Card(UUID id, String type, String title, String summary, String coverUrl, String author, String category,
                   List<String> tags, Counts counts, Instant publishedAt,
                   @Schema(description = "true for a pinned slot") boolean pinned) {

    @Schema(name = "EngagementCounts")
    public record Counts(long views, long likes, long comments, long shares) {
    }

    static Card from(Row r, boolean pinned) {
        return new Card(r.getUUID("id"), r.getString("type"), r.getString("title"), r.getString("summary"),
                r.getString("cover_url"), r.getString("author"), r.getString("category"), Db.strings(r, "tags"),
                counts(r), Db.instant(r, "published_at"), pinned);
    }

    static Counts counts(Row r) {
        return new Counts(orZero(r.getLong("views")), orZero(r.getLong("likes")), orZero(r.getLong("comments")),
                orZero(r.getLong("shares")));
    }

    private static long orZero(Long v) {
        return v == null ? 0 : v;
    }
}
