package io.yunying.content.ugc;

import io.yunying.content.item.ContentType;
import io.yunying.content.item.Item;
import io.yunying.content.pipeline.ContentState;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Schema(name = "MySubmission", description = "One of the signed-in app user's own submissions, as its author may see it")
public record MySubmission(UUID id, ContentType type, String title, String summary, String coverUrl, List<String> tags,
                           @Schema(description = "IN_REVIEW (waiting for the check, a reviewer or its publication), PUBLISHED,"
                                   + " REJECTED, REMOVED (taken down by a moderator) or WITHDRAWN (unpublished or archived)")
                           Status status,
                           @Schema(description = "the pipeline state behind the status") ContentState state,
                           @Schema(description = "why it was rejected or removed", example = "blocked by the moderation check: 赌博 (GAMBLING)")
                           String reason,
                           @Schema(description = "true when words in it were masked by the moderation check") boolean masked,
                           Instant submittedAt, Instant publishedAt) {

    public enum Status { IN_REVIEW, PUBLISHED, REJECTED, REMOVED, WITHDRAWN }

    static MySubmission of(Item i) {
        Status status = switch (i.state) {
            case DRAFT, SUBMITTED, IN_REVIEW, APPROVED, SCHEDULED -> Status.IN_REVIEW;
            case PUBLISHED -> Status.PUBLISHED;
            case REJECTED -> Status.REJECTED;
            case TAKEN_DOWN -> Status.REMOVED;
            case UNPUBLISHED, ARCHIVED -> Status.WITHDRAWN;
        };
        String reason = status == Status.REJECTED || status == Status.REMOVED ? i.reason : null;
        return new MySubmission(i.id, i.type, i.title, i.summary, i.coverUrl, i.tags, status, i.state, reason,
                i.maskedOriginal != null, i.submittedAt == null ? i.createdAt : i.submittedAt, i.publishedAt);
    }
}
