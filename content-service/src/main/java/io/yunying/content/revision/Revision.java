package io.yunying.content.revision;

import io.vertx.mutiny.sqlclient.Row;
import io.yunying.content.support.Db;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

@Schema(name = "Revision", description = "One saved state of an item's working copy")
public record Revision(int number, String title, String summary, String body, String coverUrl, List<String> mediaUrls,
                       String category, List<String> tags, String savedBy, Instant savedAt,
                       @Schema(description = "fields that differ from the previous revision") List<String> changed) {

    static Revision from(Row r) {
        return new Revision(r.getInteger("number"), r.getString("title"), r.getString("summary"), r.getString("body"),
                r.getString("cover_url"), Db.strings(r, "media_urls"), r.getString("category"), Db.strings(r, "tags"),
                r.getString("saved_by"), Db.instant(r, "saved_at"), Db.strings(r, "changed"));
    }
}
