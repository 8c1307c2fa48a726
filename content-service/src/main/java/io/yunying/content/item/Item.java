package io.yunying.content.item;

import io.vertx.mutiny.sqlclient.Row;
import io.yunying.content.pipeline.ChangeState;
import io.yunying.content.pipeline.ContentState;
import io.yunying.content.support.Db;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One content item: its working copy, its place in the pipeline and its review and schedule state. */
public class Item {

    public UUID id;
    public String slug;
    public ContentType type;
    public ContentSource source;
    public ContentState state;
    public String title;
    public String summary;
    public String body;
    public String coverUrl;
    public List<String> mediaUrls;
    public String author;
    public String locale;
    public String category;
    public List<String> tags;
    public int revision;
    public Integer liveRevision;
    public Instant publishAt;
    public Instant unpublishAt;
    public Instant publishedAt;
    public String reason;
    public int priority;
    public Instant submittedAt;
    public String claimedBy;
    public Instant claimExpiresAt;
    public String moderation;
    /** The review state of saved changes to a published item; null when there are none. */
    public ChangeState changes;
    public String changesReason;
    /** The author's own title, summary and body, when the moderation check masked words in them (moderators see it). */
    public String maskedOriginal;
    public String idempotencyKey;
    public String idempotencyHash;
    public Instant createdAt;
    public Instant updatedAt;
    public long version;
    public List<String> collections = List.of();

    /** Published, and the working copy holds saved changes the live copy does not show yet. */
    public boolean pendingChanges() {
        return liveRevision != null && state == ContentState.PUBLISHED && revision > liveRevision;
    }

    static Item from(Row row) {
        Item i = new Item();
        i.id = row.getUUID("id");
        i.slug = row.getString("slug");
        i.type = ContentType.valueOf(row.getString("type"));
        i.source = ContentSource.valueOf(row.getString("source"));
        i.state = ContentState.valueOf(row.getString("state"));
        i.title = row.getString("title");
        i.summary = row.getString("summary");
        i.body = row.getString("body");
        i.coverUrl = row.getString("cover_url");
        i.mediaUrls = Db.strings(row, "media_urls");
        i.author = row.getString("author");
        i.locale = row.getString("locale");
        i.category = row.getString("category");
        i.tags = Db.strings(row, "tags");
        i.revision = row.getInteger("revision");
        i.liveRevision = row.getInteger("live_revision");
        i.publishAt = Db.instant(row, "publish_at");
        i.unpublishAt = Db.instant(row, "unpublish_at");
        i.publishedAt = Db.instant(row, "published_at");
        i.reason = row.getString("reason");
        i.priority = row.getInteger("priority");
        i.submittedAt = Db.instant(row, "submitted_at");
        i.claimedBy = row.getString("claimed_by");
        i.claimExpiresAt = Db.instant(row, "claim_expires_at");
        i.moderation = row.getString("moderation");
        String changes = row.getString("changes");
        i.changes = changes == null ? null : ChangeState.valueOf(changes);
        i.changesReason = row.getString("changes_reason");
        if (row.getColumnIndex("masked_original") >= 0) {
            Object original = row.getValue("masked_original");
            i.maskedOriginal = original == null ? null : original.toString();
        }
        i.idempotencyKey = row.getString("idempotency_key");
        if (row.getColumnIndex("idempotency_hash") >= 0) {
            i.idempotencyHash = row.getString("idempotency_hash");
        }
        i.createdAt = Db.instant(row, "created_at");
        i.updatedAt = Db.instant(row, "updated_at");
        i.version = row.getLong("version");
        if (row.getColumnIndex("collections") >= 0) {
            i.collections = Db.strings(row, "collections");
        }
        return i;
    }
}
