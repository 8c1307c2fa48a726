package io.yunying.push.inbox;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

@Schema(name = "InboxMessage")
public record InboxMessage(long id, @Schema(description = "for the open callback and tracking") long deliveryId, String title, String body,
                           String deepLink, Instant createdAt, boolean read) {
}
