package io.yunying.push.event;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/** One behaviour event as an app or a service sends it; checked item by item so one bad event does not sink a batch. */
@Schema(name = "EventInput")
public record EventInput(
        @Schema(description = "the sender's unique id; a repeated id is ignored", example = "0b8f6f9e-3d1c-4c55-a2a0-5c1f3e2d9a10") String eventId,
        @Schema(description = "whose event; app users send only their own and may omit it", example = "u-10086") String externalId,
        @Schema(description = "app_open, view, purchase, signup or any custom name in snake_case", example = "purchase") String type,
        Instant occurredAt,
        @Schema(description = "required for purchase, in the shop's currency", example = "68.00") BigDecimal amount,
        @Schema(description = "free-form details; erased on a deletion request") Map<String, Object> properties) {
}
