package io.yunying.push.delivery;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Schema(name = "Delivery")
public record DeliveryView(long id, String sourceKind, UUID sourceId, String occurrence, String externalId, String channel,
                           List<String> fallback, String sentChannel, String variant, String status, String reason, Instant dueAt,
                           int attempts, boolean deadLetter, Instant sentAt, String providerMessageId, Instant createdAt) {
}
