package io.yunying.content.review;

import io.vertx.mutiny.sqlclient.Row;
import io.yunying.content.support.Db;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

@Schema(name = "ReviewQueueEntry", description = "An item waiting for a human decision")
public record QueueEntry(UUID id,
                         @Schema(description = "NEW: an item waiting for its first decision; CHANGES: saved changes to a published item (diff liveRevision → revision)") String kind,
                         String type, String source, String title, String summary, String author, String category,
                         @Schema(description = "higher first; the moderation check raises it for REVIEW verdicts") int priority,
                         Instant submittedAt,
                         @Schema(description = "the machine check's verdict: PASS, REVIEW or UNAVAILABLE") String moderation,
                         @Schema(description = "set when an earlier claim expired and the item returned to the queue") String lastClaimedBy,
                         @Schema(description = "the working copy's revision") int revision,
                         @Schema(description = "the revision apps see, for CHANGES") Integer liveRevision,
                         long version) {

    static QueueEntry from(Row r) {
        return new QueueEntry(r.getUUID("id"), "PUBLISHED".equals(r.getString("state")) ? "CHANGES" : "NEW", r.getString("type"), r.getString("source"), r.getString("title"),
                r.getString("summary"), r.getString("author"), r.getString("category"), r.getInteger("priority"),
                Db.instant(r, "submitted_at"), r.getString("moderation"), r.getString("claimed_by"),
                r.getInteger("revision"), r.getInteger("live_revision"), r.getLong("version"));
    }
}
