package io.yunying.content.item;

import io.yunying.content.pipeline.ChangeState;
import io.yunying.content.pipeline.ContentState;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Schema(name = "ContentItem", description = "An item's working copy and its place in the pipeline")
public record ItemView(UUID id, String slug, ContentType type, ContentSource source, ContentState state,
                       String title, String summary, String body, String coverUrl, List<String> mediaUrls,
                       String author, String locale, String category, List<String> tags, List<String> collections,
                       @Schema(description = "number of the working copy's revision") int revision,
                       @Schema(description = "number of the revision apps see, when live") Integer liveRevision,
                       @Schema(description = "published, with saved changes that are not live yet") boolean pendingChanges,
                       @Schema(description = "review state of those changes: PENDING, SUBMITTED, IN_REVIEW or REJECTED") ChangeState changes,
                       @Schema(description = "why the changes were rejected") String changesReason,
                       Instant publishAt, Instant unpublishAt, Instant publishedAt,
                       @Schema(description = "why it was rejected or taken down") String reason,
                       String moderation,
                       @Schema(description = "the author's own title, summary and body (JSON) when the moderation check masked words; for staff only")
                       String maskedOriginal,
                       String claimedBy, Instant claimExpiresAt,
                       Instant createdAt, Instant updatedAt, long version) {

    public static ItemView of(Item i) {
        return new ItemView(i.id, i.slug, i.type, i.source, i.state, i.title, i.summary, i.body, i.coverUrl, i.mediaUrls,
                i.author, i.locale, i.category, i.tags, i.collections, i.revision, i.liveRevision, i.pendingChanges(), i.changes, i.changesReason,
                i.publishAt, i.unpublishAt, i.publishedAt, i.reason, i.moderation, i.maskedOriginal, i.claimedBy, i.claimExpiresAt,
                i.createdAt, i.updatedAt, i.version);
    }
}
