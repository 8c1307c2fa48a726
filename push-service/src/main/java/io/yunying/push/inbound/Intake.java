package io.yunying.push.inbound;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "PushInboundIntake")
public record Intake(
        @Schema(description = "events in the batch") long received,
        @Schema(description = "new events kept for the journeys that listen to them") long accepted,
        @Schema(description = "events of a kept type already received (redeliveries)") long duplicates,
        @Schema(description = "events of a type no feature here listens to") long ignored) {
}
