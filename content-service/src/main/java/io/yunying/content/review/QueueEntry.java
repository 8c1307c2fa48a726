package io.yunying.content.review;

import io.vertx.mutiny.sqlclient.Row;
import io.yunying.content.support.Db;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

@Schema(name = "ReviewQueueEntry", description = "An item waiting for a human decision")
public record QueueEntry(UUID id, String type, String source, String title, String summary, String author, String category,
                         @Schema(description = "higher first; the moderation check raises it for REVIEW verdicts") int priority,
                         Instant submittedAt,
                         @Schema(description = "the machine check's verdict: PASS, REVIEW or UNAVAILABLE") String moderation,
                         @Schema(description = "set when an earlier claim expired and the item returned to the queue") String lastClaimedBy,
                         long version) {

    static QueueEntry from(Row r) {
        return new QueueEntry(r.getUUID("id"), r.getString("type"), r.getString("source"), r.getString("title"),
                r.getString("summary"), r.getString("author"), r.getString("category"), r.getInteger("priority"),
                Db.instant(r, "submitted_at"), r.getString("moderation"), r.getString("claimed_by"), r.getLong("version"));
    }
}
