package io.yunying.content.search;

import io.vertx.mutiny.sqlclient.Row;
import io.yunying.content.support.Db;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Schema(name = "SearchHit")
public record SearchHit(UUID id, String type, String title, String summary, String coverUrl, String author, String category,
                        List<String> tags, Instant publishedAt) {

    static SearchHit from(Row r) {
        return new SearchHit(r.getUUID("id"), r.getString("type"), r.getString("title"), r.getString("summary"),
                r.getString("cover_url"), r.getString("author"), r.getString("category"), Db.strings(r, "tags"),
                Db.instant(r, "published_at"));
    }
}
